package org.bridgelab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How long ago this process started, to the kernel's 10 ms, from {@code /proc}: the ticks since boot at which it
 * started against the seconds since boot now. {@code ProcessHandle}'s start instant adds the boot time that
 * {@code /proc/stat} gives in whole seconds, so it can be up to a second early (it was 1.0 s on the development
 * machine, which made every start look a second slower). The launcher execs the JVM in its own process, so this
 * counts the launcher's time too.
 */
final class ProcessAge {
    /** Linux counts {@code /proc} times in USER_HZ, 100 a second on every architecture it runs on. */
    private static final double MILLIS_PER_TICK = 10;

    private ProcessAge() {}

    /** Milliseconds since this process started; from {@code ProcessHandle} where {@code /proc} cannot tell. */
    static long millis() {
        try {
            return millis(Files.readString(Path.of("/proc/self/stat")), Files.readString(Path.of("/proc/uptime")));
        } catch (IOException | RuntimeException e) {
            // no /proc to read (not Linux, or hidden): the coarser start instant is still an answer, a second
            // at most too early, and this figure is printed only for benchmarks
            return ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(started -> Duration.between(started, Instant.now()).toMillis())
                    .orElse(-1L);
        }
    }

    /** From the texts of {@code /proc/self/stat} (its 22nd field: start time in ticks) and {@code /proc/uptime}. */
    static long millis(String stat, String uptime) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long startTicks = Long.parseLong(fields[22 - 3]);
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        return Math.round(upSeconds * 1000 - startTicks * MILLIS_PER_TICK);
    }
}

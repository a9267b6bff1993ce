package org.bridgelab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;

/**
 * Wall time of {@code bridgelab run --all} beside a plain bash script running the same commands in the same
 * kind of sandbox (unshare'd namespaces). The script is generated from the same lesson files and the same
 * outside-world commands, so both do exactly the same kernel work; bash just checks nothing and reports
 * nothing. Run: see docs/benchmarks.md.
 */
public final class RunAllBenchmark {
    private static final ProcessRunner RUNNER = new ProcessRunner();

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/bridgelab.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path script = Files.createTempFile("bridgelab-run-all", ".sh");
        try {
            Files.writeString(script, bashScript(Curriculum.bundled().lessons()));
            List<String> bash = new ArrayList<>(sandbox());
            bash.addAll(List.of("bash", "-e", script.toString()));
            List<String> app = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString(),
                    "run",
                    "--all");
            long bashBest = Long.MAX_VALUE;
            long appBest = Long.MAX_VALUE;
            for (int round = 1; round <= rounds; round++) {
                long bashMillis = time(bash);
                long appMillis = time(app);
                System.out.printf("round %d: bash %6d ms   bridgelab run --all %6d ms%n", round, bashMillis, appMillis);
                bashBest = Math.min(bashBest, bashMillis);
                appBest = Math.min(appBest, appMillis);
            }
            System.out.printf(
                    "best of %d: bash %d ms, bridgelab %d ms, ratio %.2f (the app adds %.0f%%; aim: ratio ≤ 1.2)%n",
                    rounds, bashBest, appBest, (double) appBest / bashBest, 100.0 * (appBest - bashBest) / bashBest);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static long time(List<String> argv) {
        long started = System.nanoTime();
        CommandResult result = RUNNER.run(argv, Duration.ofMinutes(5));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!result.succeeded()) {
            throw new IllegalStateException(argv + " failed: " + result.stdout() + result.stderr());
        }
        return millis;
    }

    private static List<String> sandbox() {
        List<String> argv = new ArrayList<>(List.of("unshare"));
        if (!"root".equals(System.getProperty("user.name"))) {
            argv.add("--map-root-user");
        }
        argv.addAll(List.of("--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"));
        return argv;
    }

    /** The lab set-up and every lesson action as bash: foreground commands, background jobs fed by fifos
     * (SIGTERM ends them: a non-interactive bash starts its jobs with SIGINT ignored). */
    static String bashScript(List<Lesson> lessons) {
        StringBuilder sh = new StringBuilder("""
                mount -t tmpfs -o mode=0755 bridgelab-run /run
                ip link set lo up
                d=$(mktemp -d)
                """);
        OutsideWorld.build(new RecordingLabHost(sh), "eth0", true);
        for (Lesson lesson : lessons) {
            for (Lesson.Step step : lesson.steps()) {
                for (Action action : step.actions()) {
                    sh.append(bash(action)).append('\n');
                }
            }
        }
        return sh.toString();
    }

    private static String bash(Action action) {
        if (action instanceof Action.Run run) {
            String command = command(run.node(), run.argv());
            if (run.background() == null) {
                return command + (run.expect().exit() != null && run.expect().exit() != 0 ? " || true" : "")
                        + " >/dev/null";
            }
            String name = variable(run.background());
            String start = "rm -f $d/" + name + ".in; mkfifo $d/" + name + ".in; exec {in_" + name + "}<>$d/" + name
                    + ".in; " + command + " <&$in_" + name + " >$d/" + name + ".out 2>&1 & pid_" + name + "=$!";
            if (run.ready() != null) {
                start += "\nuntil ip netns exec " + run.ready().namespace() + " ss -Hltn sport = :"
                        + run.ready().tcpPort() + " | grep -q .; do sleep 0.01; done";
            }
            return start;
        }
        if (action instanceof Action.Send send) {
            return "echo " + quote(send.text()) + " >&$in_" + variable(send.to());
        }
        if (action instanceof Action.Await await) {
            String output = " $d/" + variable(await.process()) + ".out";
            if (await.expect().outputContains().isEmpty()) {
                // a pattern over several lines (c5's trace): the whole output as one record
                String pattern = await.expect().outputMatches().get(0).pattern();
                return "until grep -qzP -- " + quote(pattern) + output + "; do sleep 0.01; done";
            }
            String text = await.expect().outputContains().get(0);
            return "until grep -qF -- " + quote(text) + output + "; do sleep 0.01; done";
        }
        if (action instanceof Action.Check) {
            // a check only reads the kernel's state: reporting on it is BridgeLab's work, not the script's
            return "true";
        }
        Action.Stop stop = (Action.Stop) action;
        String name = variable(stop.process());
        return "kill -TERM $pid_" + name + " 2>/dev/null || true; wait $pid_" + name + " || true";
    }

    /** Lesson names may hold '-', bash variables may not. */
    private static String variable(String name) {
        return name.replace('-', '_');
    }

    private static String command(String node, List<String> argv) {
        List<String> words = new ArrayList<>(argv);
        while (words.size() > 1 && words.get(0).equals("sudo")) {
            words.remove(0);
        }
        if (!LabHost.HOST.equals(node)) {
            words.addAll(0, List.of("ip", "netns", "exec", node));
        }
        return String.join(" ", words.stream().map(RunAllBenchmark::quote).toList());
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A lab host that writes each command as a bash line instead of running it. */
    private record RecordingLabHost(StringBuilder sh) implements LabHost {
        @Override
        public CommandResult run(String node, List<String> argv, Duration timeout) {
            sh.append(command(node, argv)).append('\n');
            return new CommandResult(argv, 0, "", "", Duration.ZERO);
        }

        @Override
        public LiveProcess start(String node, List<String> argv, OutputListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LiveProcess startBinary(String node, List<String> argv, OutputStream stdout, OutputListener stderr) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public String description() {
            return "bash script";
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public void close() {}
    }
}

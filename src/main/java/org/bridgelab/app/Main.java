package org.bridgelab.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.bridgelab.lesson.LessonFormatException;

/**
 * The command line: {@code bridgelab run …} for instructors and CI, {@code bridgelab timeline} for a capture
 * file, {@code bridgelab list}, help.
 */
public final class Main {
    static final String USAGE = """
            Usage:
              bridgelab                                      open the window (the same as bridgelab gui)
              bridgelab gui [--lesson-file FILE] [--run LESSON] [--screenshot FILE.png] [--language en|zh] [--dark]
                                                             the window (with FILE's lesson too, shown first); with
                                                             --run it runs the lesson through the GUI, with
                                                             --screenshot it saves a PNG and exits
              bridgelab run (--all | LESSON...) [options]   run lessons on a fresh lab and check every step
              bridgelab diagnose [--lesson-file FILE] [--upto LESSON[/STEP]] --from NS --to ADDR[:PORT]
                                 [--language en|zh]          build the lessons (and FILE's) up to a step on a fresh
                                                             sandbox, then explain whether NS reaches ADDR
                                                             (exit 0 if so, 1 if not, 2 for a usage error)
              bridgelab timeline FILE.pcap[ng] --out FILE.json
                                                             decode a capture file (BridgeLab's --capture, tcpdump -w,
                                                             Wireshark) into the JSON of run --timeline: packets in
                                                             kernel order, NAT pairs; exit 2 if it is not a capture
              bridgelab list                                 list the lessons
              bridgelab cleanup --lab-host local|ssh:DEST    remove what a run cut short left on a real lab host
                                                             (run does it too at its next start), nothing else
              bridgelab selftest                             check this machine before a class: sandbox, scenario 1,
                                                             ARP and ICMP captured on br0; exit 0 if all passed
              bridgelab help                                 this text

            Any command takes --verbose: its log on stderr, debug lines included (else in
            $XDG_STATE_HOME/bridgelab/bridgelab.log, default ~/.local/state).

            Lessons are s1 (container to container), s2 (host to container), s3 (container to outside),
            s4 (outside to container) and teardown; a lesson brings the ones it builds on with it.

            Options of run:
              --all                    every lesson of the curriculum, in order
              --lesson-file FILE       also load FILE (a lesson of your own); run it unless lessons are named
              --json                   print the report as JSON instead of text
              --language en|zh         the report's language (the kernel's output as it is); default en
              --modern                 run today's form of a 2018 command wherever a lesson gives one
                                       (ip link add … type bridge for brctl addbr, ip route for route …)
              --dump-state FILE.json   write the lab's final state, as the kernel reports it, before teardown
              --capture FILE.pcap      record the traffic on every bridge of the host and its uplink during the
                                       run (pcapng in kernel order, one interface per capture point; tcpdump -r
                                       and Wireshark read it); exit 4 if a capture could not start or broke
              --timeline FILE.json     write the run's decoded packets: lanes per lab node, NAT pairs and
                                       netfilter paths (traces the host's netfilter while running)
              --lab-host sandbox       the default: a private sandbox of namespaces, no sudo needed
              --lab-host local         this machine itself (a throw-away VM!): needs root or sudo -n, and
                                       --yes-change-this-machine
              --lab-host ssh:DEST      a remote lab VM through your OpenSSH client (keys, agent, config)
              --ssh-config FILE        the ssh_config file to use with ssh:DEST
            """;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> rest = LogSetup.configure(Arrays.asList(args));
        System.exit(run(rest, System.out, System.err));
    }

    /** Opens the window; returns when it closes (with --screenshot: after saving the picture). */
    private static int gui(List<String> args, PrintStream err) {
        GuiOptions options;
        try {
            options = GuiOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bridgelab gui: " + e.getMessage() + "\n");
            err.print(USAGE);
            return 2;
        }
        try {
            BridgeLabApp.curriculum = options.curriculum();
        } catch (LessonFormatException | IllegalArgumentException e) {
            err.println("bridgelab gui: " + e.getMessage());
            return 2;
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            err.println("bridgelab: no display to open the window on (DISPLAY is not set). "
                    + "Use `bridgelab run …` on a terminal, or run under Xvfb: xvfb-run ./bridgelab gui");
            return 3;
        }
        javafx.application.Application.launch(BridgeLabApp.class, args.toArray(String[]::new));
        return BridgeLabApp.exitCode;
    }

    /**
     * Runs a command. What it prints for a person goes through {@link TerminalSafe}: lesson texts and command
     * output are someone else's bytes. JSON output ({@code --json}) stays as Jackson wrote it, which escapes
     * control characters itself.
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return runSafely(args, args.contains("--json") ? out : TerminalSafe.wrap(out), TerminalSafe.wrap(err));
    }

    private static int runSafely(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            return gui(List.of(), err);
        }
        if (List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(USAGE);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "gui":
                return gui(rest, err);
            case "run":
                return RunCommand.parse(rest, err).map(command -> command.execute(out, err)).orElse(2);
            case "diagnose":
                return DiagnoseCommand.parse(rest, err).map(command -> command.execute(out, err)).orElse(2);
            case "cleanup":
                return CleanupCommand.parse(rest, err).map(command -> command.execute(out, err)).orElse(2);
            case "timeline":
                return TimelineCommand.parse(rest, err).map(command -> command.execute(err)).orElse(2);
            case "list":
                if (!rest.isEmpty()) {
                    err.println("bridgelab list: takes no arguments, not " + String.join(" ", rest) + "\n");
                    err.print(USAGE);
                    return 2;
                }
                return ListCommand.execute(out, err);
            case "selftest":
                return SelftestCommand.execute(rest, out, err);
            default:
                err.println("bridgelab: unknown command \"" + args.get(0) + "\"\n");
                err.print(USAGE);
                return 2;
        }
    }
}

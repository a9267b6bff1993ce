package org.bridgelab.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The command line: {@code bridgelab run …} for instructors and CI, {@code bridgelab list}, help. */
public final class Main {
    static final String USAGE = """
            Usage:
              bridgelab run (--all | LESSON...) [options]   run lessons on a fresh lab and check every step
              bridgelab diagnose [--upto LESSON[/STEP]] --from NS --to ADDR[:PORT]
                                                             build the lessons up to a step on a fresh sandbox,
                                                             then explain whether NS reaches ADDR (exit 0 if so)
              bridgelab list                                 list the lessons
              bridgelab help                                 this text

            Lessons are s1 (container to container), s2 (host to container), s3 (container to outside),
            s4 (outside to container) and teardown; a lesson brings the ones it builds on with it.

            Options of run:
              --all                    every lesson of the curriculum, in order
              --lesson-file FILE       also load FILE (a lesson of your own); run it unless lessons are named
              --json                   print the report as JSON instead of text
              --modern                 run today's form of a 2018 command wherever a lesson gives one
                                       (ip link add … type bridge for brctl addbr, ip route for route …)
              --dump-state FILE.json   write the lab's final state, as the kernel reports it, before teardown
              --capture FILE.pcap      record the traffic on br0 and on the host's uplink during the run
              --lab-host sandbox       the default: a private sandbox of namespaces, no sudo needed
              --lab-host local         this machine itself (a throw-away VM!): needs root or sudo -n, and
                                       --yes-change-this-machine
              --lab-host ssh:DEST      a remote lab VM through your OpenSSH client (keys, agent, config)
              --ssh-config FILE        the ssh_config file to use with ssh:DEST
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "run":
                return RunCommand.parse(rest, err).map(command -> command.execute(out, err)).orElse(2);
            case "diagnose":
                return DiagnoseCommand.parse(rest, err).map(command -> command.execute(out, err)).orElse(2);
            case "list":
                return ListCommand.execute(out, err);
            default:
                err.println("bridgelab: unknown command \"" + args.get(0) + "\"\n");
                err.print(USAGE);
                return 2;
        }
    }
}

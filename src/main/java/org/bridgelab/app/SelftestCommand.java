package org.bridgelab.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.capture.PacketEvent;
import org.bridgelab.capture.Protocol;
import org.bridgelab.lab.LabException;
import org.bridgelab.lab.LabHost;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.session.LabSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bridgelab selftest}: what an instructor runs on each lab machine before a class. Builds the
 * sandbox, runs scenario 1 while capturing on br0, and checks that the kernel really switched the ARP
 * and ICMP exchange between the two containers. Exit 0 only if every check passed.
 */
@Command(
        name = "selftest",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check a machine before a class: the lab host (the sandbox by default), scenario 1, ARP and"
                    + " ICMP captured on br0; on a real lab host first a pre-flight check of its setup"
                    + " (br_netfilter, the other iptables, Docker, user namespaces, missing programs, address ranges"
                    + " in use), each finding with what it does to the lessons and its fix.",
            "Exit 0 if scenario 1 passed and was captured (findings are said, not failed)."
        })
final class SelftestCommand implements Callable<Integer> {
    static final String DOCKER0 = "172.18.0.2";
    static final String DOCKER1 = "172.18.0.3";

    @Mixin
    LabHostOptions labHostOptions = new LabHostOptions();

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    SelftestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One thing the self-test expects to have seen on br0. */
    record Expected(String description, Predicate<PacketEvent> matches) {}

    static final List<Expected> EXPECTED = List.of(
            new Expected(
                    "ARP who-has " + DOCKER1 + " tell " + DOCKER0,
                    e -> e.protocol() == Protocol.ARP && e.summary().equals("who-has " + DOCKER1 + " tell " + DOCKER0)),
            new Expected(
                    "ARP reply " + DOCKER1 + " is-at …",
                    e -> e.protocol() == Protocol.ARP && e.summary().startsWith(DOCKER1 + " is-at ")),
            new Expected(
                    "ICMP echo request " + DOCKER0 + " > " + DOCKER1, e -> isIcmp(e, DOCKER0, DOCKER1, "echo request")),
            new Expected(
                    "ICMP echo reply " + DOCKER1 + " > " + DOCKER0, e -> isIcmp(e, DOCKER1, DOCKER0, "echo reply")));

    private static boolean isIcmp(PacketEvent e, String src, String dst, String what) {
        return e.protocol() == Protocol.ICMP
                && src.equals(e.srcIp())
                && dst.equals(e.dstIp())
                && e.summary().contains(what);
    }

    @Override
    public Integer call() {
        LabHostChoice choice = labHostOptions.choice(spec);
        long started = System.currentTimeMillis();
        boolean sandbox = "sandbox".equals(choice.kind());
        out.println("BridgeLab self-test: " + (sandbox ? "sandbox lab" : "lab host " + labHostOptions.hosts.get(0))
                + ", scenario 1 (container to container), capture on br0");
        List<Lesson> lessons = Curriculum.bundled().withPrerequisites(List.of("s1"));
        Queue<PacketEvent> seen = new ConcurrentLinkedQueue<>();
        List<String> problems = new ArrayList<>();
        RunReport report;
        List<String> notes = new ArrayList<>();
        // the lab session the run command uses: it captures every bridge as a step brings it up
        try (LabSession session = LabSession.open(choice, LabSession.Options.commandLine(true, false, 1), notes::add)) {
            out.println("  ✓ " + (sandbox ? "sandbox started: " : "lab host connected: ") + session.description());
            // what of the machine's own setup changes the lessons (the pre-flight's findings): said, and left to
            // the instructor
            if (!sandbox && session.lab().findings().isEmpty()) {
                out.println("  ✓ pre-flight: nothing in this machine's setup changes what the lessons show");
            }
            notes.forEach(note -> out.println("  ! " + note));
            CapturePoint br0 = new CapturePoint(LabHost.HOST, "br0");
            CaptureSession capture = session.capture();
            capture.subscribe(event -> {
                if (event.point().equals(br0)) {
                    seen.add(event);
                }
            });
            RunListener followTheLab = new RunListener() {
                @Override
                public void stepFinished(Lesson lesson, RunReport.StepReport step) {
                    session.refresh();
                }
            };
            report = session.run(lessons, followTheLab, false);
            problems.addAll(capture.problems());
            if (!capture.activePoints().contains(br0) && problems.isEmpty()) {
                problems.add("br0 never came up, so nothing was captured");
            }
        } catch (LabException e) {
            out.println("  ✗ the " + (sandbox ? "sandbox" : "lab") + " could not be built");
            err.println("bridgelab selftest: " + e.getMessage());
            out.println("FAILED (" + seconds(started) + ")");
            return 3;
        }

        boolean passed = report.passed();
        int steps = report.lessons().stream()
                .mapToInt(lesson -> lesson.steps().size())
                .sum();
        if (report.passed()) {
            out.println("  ✓ scenario 1: " + steps + " steps passed");
        } else {
            out.println("  ✗ scenario 1 failed: " + firstFailure(report));
        }
        problems.forEach(problem -> out.println("  ✗ capture: " + problem));
        passed &= problems.isEmpty();
        for (Expected expected : EXPECTED) {
            boolean found = seen.stream().anyMatch(expected.matches());
            out.println("  " + (found ? "✓" : "✗") + " on br0: " + expected.description());
            passed &= found;
        }
        out.println((passed ? "PASSED" : "FAILED") + " (" + seen.size() + " frames captured on br0, " + seconds(started)
                + ")");
        return passed ? 0 : 1;
    }

    private static String firstFailure(RunReport report) {
        if (report.error() != null) {
            return report.error();
        }
        for (RunReport.LessonReport lesson : report.lessons()) {
            for (RunReport.StepReport step : lesson.steps()) {
                if (!step.passed()) {
                    for (RunReport.ActionReport action : step.actions()) {
                        if (!action.passed()) {
                            return lesson.id() + " / " + step.id() + ": " + action.display()
                                    + (action.output() == null
                                                    || action.output().isBlank()
                                            ? ""
                                            : "\n      "
                                                    + action.output().strip().replace("\n", "\n      "));
                        }
                    }
                    return lesson.id() + " / " + step.id();
                }
            }
        }
        return "no step ran";
    }

    private static String seconds(long started) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.currentTimeMillis() - started) / 1000.0);
    }
}

package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bridgelab.kernel.Change;
import org.bridgelab.kernel.StateReader;
import org.bridgelab.kernel.Topology;
import org.bridgelab.kernel.TopologyDiff;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.RunListener;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/**
 * The topology the kernel monitor keeps from events alone (re-reading only what each event may have
 * changed) equals a full re-read after every step of {@code run --all}.
 */
@KernelTest
class EventFedTopologyIT {
    /** Tables traffic changes with no notification; every snapshot reads them fresh, at its own instant. */
    private static final Set<Change.Kind> UNNOTIFIED = EnumSet.of(
            Change.Kind.FLOW_ADDED, Change.Kind.FLOW_REMOVED, Change.Kind.MAC_LEARNED, Change.Kind.MAC_FORGOTTEN);

    @Test
    void after_every_step_of_the_curriculum_the_event_fed_topology_equals_a_full_re_read() {
        List<String> mismatches = new ArrayList<>();
        BlockingQueue<Topology> fed = new LinkedBlockingQueue<>();
        RunReport report;
        try (LabSession session = LabSession.open(
                        LabHostChoice.sandbox(), new LabSession.Options(true, false, Capturing.NOTHING), note -> {});
                StateReader full = new StateReader(session.host(), Set.copyOf(OutsideWorld.NAMESPACES))) {
            session.subscribe(new LabSession.Listener() {
                @Override
                public void snapshot(Topology topology, long readAtNanos) {
                    fed.add(topology);
                }
            });
            int[] steps = {0};
            report = session.run(
                    Curriculum.bundled().lessons(),
                    new RunListener() {
                        @Override
                        public void stepFinished(Lesson lesson, RunReport.StepReport step) {
                            steps[0]++;
                            List<String> differences = differences(session.settle(), full.read());
                            if (!differences.isEmpty())
                                System.err.println("RACE " + lesson.id() + "/" + step.id() + ": " + differences);
                            differences = awaitEqual(session, full, fed);
                            if (!differences.isEmpty()) {
                                mismatches.add(lesson.id() + "/" + step.id() + ": " + differences);
                            }
                        }
                    },
                    false);
            assertThat(steps[0]).isGreaterThan(30);
        }
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(mismatches).isEmpty();
    }

    /**
     * Waits until the monitor's topology, settled as the window settles it after a step, shows what a full
     * re-read shows, each new event-fed snapshot checked as it arrives; after 10 s without agreement, the
     * differences left.
     */
    private static List<String> awaitEqual(LabSession session, StateReader full, BlockingQueue<Topology> fed) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> differences = differences(session.settle(), full.read());
        try {
            while (!differences.isEmpty() && System.nanoTime() < deadline) {
                Topology next = fed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                differences = differences(session.current(), full.read());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fed.clear();
        return differences;
    }

    private static List<String> differences(Topology eventFed, Topology reRead) {
        return TopologyDiff.between(eventFed, reRead).stream()
                .filter(change -> !UNNOTIFIED.contains(change.kind()))
                .map(Change::description)
                .toList();
    }
}

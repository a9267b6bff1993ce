package org.bridgelab.session;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.kernel.Topology;

/**
 * Captures the wires a policy wants as the lab changes: a wire that comes up is captured from then on, one
 * that a lesson deleted and made again is captured again. One snapshot is followed at a time, so that no
 * wire is started twice; snapshots a kernel event brought are followed on a thread of their own, since a
 * tcpdump can take seconds to start and the monitor that delivers events must never wait for it.
 */
final class CaptureFollower implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaptureFollower.class);

    private final CaptureSession capture;
    private final Function<Topology, List<CapturePoint>> policy;
    private final Reporter reporter;
    /** The newest snapshot waiting for the follower thread; older ones are skipped. */
    private final AtomicReference<Topology> waiting = new AtomicReference<>();

    private final java.util.concurrent.ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
        Thread follower = new Thread(work, "capture-follower");
        follower.setDaemon(true);
        return follower;
    });

    /** Told, after each snapshot followed, which wires are captured and why a wanted one is not. */
    interface Reporter {
        void capturing(List<CapturePoint> points, String problem);
    }

    CaptureFollower(CaptureSession capture, Function<Topology, List<CapturePoint>> policy, Reporter reporter) {
        this.capture = capture;
        this.policy = policy;
        this.reporter = reporter;
    }

    /** Starts capturing, now, every wanted wire of the snapshot that is not captured yet. */
    synchronized void follow(Topology topology) {
        String problem = "";
        for (CapturePoint wanted : policy.apply(topology)) {
            if (!capture.activePoints().contains(wanted)) {
                try {
                    capture.start(wanted);
                } catch (RuntimeException e) {
                    // said until a later snapshot captures everything (an interface that vanished between the
                    // snapshot and tcpdump is not wanted by the next one)
                    problem = e.getMessage();
                    LOG.info("capture of {} not started: {}", wanted.label(), problem);
                }
            }
        }
        reporter.capturing(capture.activePoints(), problem);
    }

    /** {@link #follow} on the follower's thread; only the newest waiting snapshot is followed. */
    void followSoon(Topology topology) {
        if (waiting.getAndSet(topology) == null) {
            thread.execute(() -> {
                Topology newest = waiting.getAndSet(null);
                if (newest != null) {
                    follow(newest);
                }
            });
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

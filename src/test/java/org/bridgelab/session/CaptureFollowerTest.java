package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bridgelab.capture.CapturePoint;
import org.bridgelab.capture.CaptureSession;
import org.bridgelab.kernel.Topology;
import org.bridgelab.testing.RecordedLabHost;
import org.junit.jupiter.api.Test;

class CaptureFollowerTest {

    @Test
    void a_kernel_event_is_followed_without_holding_up_the_thread_that_delivers_it() throws InterruptedException {
        // given: a follower busy following a snapshot (a capture starting on the lab's worker)
        List<Topology> asked = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        Topology withDocker0 = new Topology(List.of(new Topology.Namespace(
                "docker0",
                Topology.Role.CONTAINER,
                false,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of())));
        try (CaptureFollower follower = new CaptureFollower(
                new CaptureSession(new RecordedLabHost(Map.of())),
                topology -> {
                    asked.add(topology);
                    return List.<CapturePoint>of();
                },
                (points, problem) -> reported.countDown())) {
            synchronized (follower) {
                // when: the monitor hands a snapshot over meanwhile
                follower.followSoon(withDocker0);

                // then: it returned at once, and the snapshot waits for its turn
                assertThat(asked).isEmpty();
            }
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(asked).containsExactly(withDocker0);
        }
    }
}

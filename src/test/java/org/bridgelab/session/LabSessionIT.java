package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.Lab;
import org.bridgelab.lab.LabHostChoice;
import org.bridgelab.lab.OutsideWorld;
import org.bridgelab.testing.CountingLabHost;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;

/** What a session that follows the kernel reads of it, on a real sandbox. */
@KernelTest
class LabSessionIT {
    @Test
    void opening_a_session_that_follows_the_kernel_reads_it_whole_once() {
        try (Lab lab = Lab.open(LabHostChoice.sandbox())) {
            CountingLabHost counting = new CountingLabHost(lab.host());
            List<Topology> told = new CopyOnWriteArrayList<>();
            try (LabSession session = LabSession.open(
                    Lab.attached(counting), new LabSession.Options(true, false, Capturing.NOTHING), note -> {})) {
                session.subscribe(new LabSession.Listener() {
                    @Override
                    public void snapshot(Topology topology, long readAtNanos) {
                        told.add(topology);
                    }
                });

                // when: the window shows the lab as the session starts
                Topology opening = session.opening();

                // then: the whole lab, handed to the listeners too
                assertThat(opening.namespace(OutsideWorld.ROUTER)).isPresent();
                assertThat(told).contains(opening);
                // and read whole once, by the monitor as it began to listen (a full read asks every namespace)
                assertThat(counting.asked())
                        .filteredOn(asked -> asked.contains("ip -all netns exec iptables-save"))
                        .hasSize(1);
            }
        }
    }
}

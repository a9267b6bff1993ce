package org.bridgelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.bridgelab.kernel.Topology;
import org.bridgelab.lab.Lab;
import org.bridgelab.testing.RecordedKernel;
import org.bridgelab.testing.RecordedLabHost;
import org.junit.jupiter.api.Test;

/** What a session reads of the kernel, on a lab host that answers with recorded output. */
class LabSessionTest {
    private final RecordedLabHost host = new RecordedLabHost(RecordedKernel.fullRead());

    @Test
    void following_the_wires_after_a_step_reads_the_links_alone() {
        try (LabSession session =
                LabSession.open(Lab.attached(host), LabSession.Options.commandLine(false, false, 1), note -> {})) {
            host.asked().clear();

            // when: the command line follows the lab's wires after a step
            Topology links = session.followWires();

            // then: the links and the namespaces' numbers for each other, not routes, rules or tables
            assertThat(host.asked())
                    .isNotEmpty()
                    .allMatch(asked -> asked.contains("addr show") || asked.contains("netns list-id"), "links only");
            assertThat(links.namespace("host").orElseThrow().link("br0")).isPresent();
        }
    }
}

package org.bridgelab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bridgelab.lab.CommandResult;
import org.junit.jupiter.api.Test;

/** The kernel's route lookup and the routes that make it refuse, from recorded {@code ip -4 -j route show table all}. */
class RouteLookupTest {
    private final String routes = Fixtures.read("route-show-table-all-refusing.json");

    @Test
    void the_most_specific_refusing_route_that_holds_the_destination_is_named_with_its_table() {
        // a blackhole /28 and a prohibit /29 inside it, an unreachable default in table 100:
        assertThat(RouteLookup.refusingRouteIn(routes, "198.51.100.10"))
                .map(Object::toString)
                .hasValue("prohibit 198.51.100.8/29");
        assertThat(RouteLookup.refusingRouteIn(routes, "198.51.100.2"))
                .map(Object::toString)
                .hasValue("blackhole 198.51.100.0/28");
        assertThat(RouteLookup.refusingRouteIn(routes, "203.0.113.5"))
                .map(Object::toString)
                .hasValue("unreachable default table 100");
    }

    @Test
    void a_refusing_route_is_removed_by_its_own_text() {
        RouteLookup.RefusingRoute route =
                RouteLookup.refusingRouteIn(routes, "203.0.113.5").orElseThrow();

        assertThat(route.removal("host")).isEqualTo("sudo ip route del unreachable default table 100");
        assertThat(route.removal("router"))
                .isEqualTo("sudo ip netns exec router ip route del unreachable default table 100");
    }

    @Test
    void the_kernels_refusal_is_its_errno_text_and_an_answer_is_its_route() {
        CommandResult refused = new CommandResult(
                List.of("ip", "route", "get", "198.51.100.10"),
                2,
                "",
                "RTNETLINK answers: Permission denied\n",
                Duration.ZERO);
        CommandResult routed = new CommandResult(
                List.of("ip", "route", "get", "192.0.2.1"),
                0,
                "192.0.2.1 dev up0 src 192.0.2.183 uid 0 \n    cache \n",
                "",
                Duration.ZERO);

        assertThat(RouteLookup.answer(refused).error()).isEqualTo("Permission denied");
        assertThat(RouteLookup.answer(routed).refused()).isFalse();
        assertThat(RouteLookup.answer(routed).route()).isEqualTo("192.0.2.1 dev up0 src 192.0.2.183 uid 0");
    }

    @Test
    void a_route_is_named_only_when_its_type_gives_the_kernels_refusal() {
        // "Invalid argument" (a blackhole, or the reverse-path filter) for a destination only an unreachable
        // default holds: that route did not refuse it, so none is named
        assertThat(RouteLookup.refusingRouteIn(routes, "203.0.113.5", "Invalid argument"))
                .isEmpty();
        assertThat(RouteLookup.refusingRouteIn(routes, "203.0.113.5", "No route to host"))
                .map(Object::toString)
                .hasValue("unreachable default table 100");
        assertThat(RouteLookup.refusingRouteIn(routes, "198.51.100.10", "Permission denied"))
                .map(Object::toString)
                .hasValue("prohibit 198.51.100.8/29");
    }
}

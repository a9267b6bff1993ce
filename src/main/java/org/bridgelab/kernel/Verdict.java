package org.bridgelab.kernel;

import java.util.List;
import org.bridgelab.words.Phrase;

/**
 * Why traffic does or does not get through: the first obstacle in the order the kernel meets it, the
 * objects involved ("veth0 in docker0", "filter FORWARD in host") and the tutorial's command that removes
 * it (empty when reachable).
 */
public record Verdict(Kind kind, Phrase explanation, List<String> objects, String fix) {

    public enum Kind {
        REACHABLE,
        NO_NAMESPACE,
        INTERFACE_DOWN,
        NO_ADDRESS,
        NO_ROUTE,
        NOT_ON_BRIDGE,
        FORWARDING_OFF,
        FORWARD_DROP,
        INPUT_DROP,
        NO_MASQUERADE,
        NO_DNAT,
        NOTHING_LISTENING,
        NO_SUCH_HOST,
        /** An address in the bridge's subnet but with another prefix length: the gateway is not on the link. */
        WRONG_NETMASK,
        /** From outside to a container's private address: no network outside routes to it; a published port does. */
        PRIVATE_ADDRESS,
        /** Two namespaces hold the destination's address: which one gets a packet depends on ARP. */
        DUPLICATE_ADDRESS,
        /** A rule or policy dropped the probe at a hook other than filter FORWARD or INPUT (raw, mangle, OUTPUT…). */
        DROPPED,
        /** The kernel's route lookup refused the packet: a blackhole, unreachable or prohibit route, or a policy rule. */
        ROUTE_REFUSES,
        /** The reverse-path filter dropped a packet whose source is not routed back through the interface it came in on. */
        REVERSE_PATH_FILTER,
        /** The probe got no answer and nothing the kernel shows explains why: said so, rather than guessed. */
        UNEXPLAINED
    }

    public Verdict {
        objects = List.copyOf(objects);
    }

    public boolean reachable() {
        return kind == Kind.REACHABLE;
    }
}

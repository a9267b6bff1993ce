package org.bridgelab.kernel;

import java.util.List;

/**
 * Why traffic does or does not get through: the first obstacle in the order the kernel meets it, the
 * objects involved ("veth0 in docker0", "filter FORWARD in host") and the tutorial's command that removes
 * it (empty when reachable).
 */
public record Verdict(Kind kind, Phrase explanation, List<String> objects, String fix) {

    public enum Kind {
        REACHABLE, NO_NAMESPACE, INTERFACE_DOWN, NO_ADDRESS, NO_ROUTE, NOT_ON_BRIDGE, FORWARDING_OFF,
        FORWARD_DROP, INPUT_DROP, NO_MASQUERADE, NO_DNAT, NOTHING_LISTENING, NO_SUCH_HOST
    }

    public Verdict {
        objects = List.copyOf(objects);
    }

    public boolean reachable() {
        return kind == Kind.REACHABLE;
    }
}

package org.bridgelab.kernel;

/**
 * One difference between two snapshots, said in the lab's words ("veth0 moved from host to docker0",
 * "rule added in host: nat POSTROUTING -s 172.18.0.0/24 ! -o br0 -j MASQUERADE"). {@code namespace} is
 * where it happened (the new one for a move), {@code subject} the object that changed.
 */
public record Change(Kind kind, String namespace, String subject, String description) {

    public enum Kind {
        NAMESPACE_ADDED,
        NAMESPACE_REMOVED,
        LINK_ADDED,
        LINK_REMOVED,
        LINK_MOVED,
        LINK_UP,
        LINK_DOWN,
        CARRIER_GAINED,
        CARRIER_LOST,
        PORT_ADDED,
        PORT_REMOVED,
        ADDRESS_ADDED,
        ADDRESS_REMOVED,
        ROUTE_ADDED,
        ROUTE_REMOVED,
        FORWARDING_CHANGED,
        POLICY_CHANGED,
        RULE_ADDED,
        RULE_REMOVED,
        FLOW_ADDED,
        FLOW_REMOVED,
        MAC_LEARNED,
        MAC_FORGOTTEN
    }

    @Override
    public String toString() {
        return description;
    }
}

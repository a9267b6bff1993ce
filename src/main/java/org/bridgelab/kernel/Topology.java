package org.bridgelab.kernel;

import java.util.List;
import java.util.Optional;

/** The lab as the kernel reports it at one moment: every namespace with its links, addresses, routes and rules. */
public record Topology(List<Namespace> namespaces) {

    public Topology {
        namespaces = List.copyOf(namespaces);
    }

    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(ns -> ns.name().equals(name)).findFirst();
    }

    /** The host, a learner's "container", or part of the outside world BridgeLab built. */
    public enum Role { HOST, CONTAINER, OUTSIDE }

    public record Namespace(String name, Role role, boolean forwarding, List<Link> links, List<Route> routes,
                            List<Table> iptables) {
        public Namespace {
            links = List.copyOf(links);
            routes = List.copyOf(routes);
            iptables = List.copyOf(iptables);
        }

        public Optional<Link> link(String name) {
            return links.stream().filter(link -> link.name().equals(name)).findFirst();
        }
    }

    /**
     * A network interface. {@code peer} is the other end of a veth, resolved across namespaces;
     * {@code master} the bridge it is plugged into.
     */
    public record Link(int index, String name, String kind, String state, List<String> flags, String mac, int mtu,
                       String master, Endpoint peer, List<String> addresses) {
        public Link {
            flags = List.copyOf(flags);
            addresses = List.copyOf(addresses);
        }

        public boolean isUp() {
            return flags.contains("UP");
        }
    }

    /** An interface named by its namespace and name. */
    public record Endpoint(String namespace, String link) {
    }

    public record Route(String destination, String gateway, String device, String protocol, String scope) {
    }

    public record Table(String name, List<Chain> chains) {
        public Table {
            chains = List.copyOf(chains);
        }
    }

    /** A chain with its policy (null for a user chain), counters as iptables-save reports them, and its rules. */
    public record Chain(String name, String policy, long packets, long bytes, List<String> rules) {
        public Chain {
            rules = List.copyOf(rules);
        }
    }
}

package org.bridgelab.kernel;

import java.util.Optional;
import java.util.Set;

/**
 * What iptables does with a packet at one hook, decided as the kernel decides it: the chain's rules in
 * order, the first matching rule with a deciding target wins; a jump walks the user chain and comes back
 * on RETURN or at its end; a built-in chain that ends undecided applies its policy. Targets that only
 * observe (LOG, MARK, …) let the walk go on. Rules {@link RuleSpec} cannot read never match.
 */
final class ChainWalker {
    private static final Set<String> DECIDING =
            Set.of("ACCEPT", "DROP", "REJECT", "DNAT", "SNAT", "MASQUERADE", "REDIRECT");
    /** The kernel refuses loops and limits nesting; a snapshot is trusted no further than this. */
    private static final int MAX_DEPTH = 16;

    /**
     * The target that decided ({@code ACCEPT}, {@code DNAT}, …), in which chain, and the rule's text, or
     * null when the built-in chain's policy decided.
     */
    record Decision(String target, String chain, RuleSpec rule, String ruleText) {
        boolean byPolicy() {
            return ruleText == null;
        }

        boolean drops() {
            return "DROP".equals(target) || "REJECT".equals(target);
        }
    }

    private ChainWalker() {}

    /** The decision of a built-in chain; a table or chain the namespace lacks accepts. */
    static Decision decide(Topology.Namespace ns, String table, String chain, RuleSpec.Packet packet) {
        Optional<Topology.Chain> builtIn = ns.chain(table, chain);
        if (builtIn.isEmpty()) {
            return new Decision("ACCEPT", chain, null, null);
        }
        return walk(ns, table, builtIn.get(), packet, 0)
                .orElseGet(() -> new Decision(
                        builtIn.get().policy() == null
                                ? "ACCEPT"
                                : builtIn.get().policy(),
                        chain,
                        null,
                        null));
    }

    /** Empty when the chain ends or RETURNs without a decision. */
    private static Optional<Decision> walk(
            Topology.Namespace ns, String table, Topology.Chain chain, RuleSpec.Packet packet, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        for (Topology.Rule rule : chain.rules()) {
            RuleSpec spec = RuleSpec.parse(rule.text());
            if (spec.target() == null || !spec.matches(packet)) {
                continue;
            }
            if (spec.target().equals("RETURN")) {
                return Optional.empty();
            }
            if (DECIDING.contains(spec.target())) {
                return Optional.of(new Decision(spec.target(), chain.name(), spec, rule.text()));
            }
            Optional<Topology.Chain> jump = ns.chain(table, spec.target());
            if (jump.isPresent()) {
                Optional<Decision> decided = walk(ns, table, jump.get(), packet, depth + 1);
                if (decided.isPresent()) {
                    return decided;
                }
            }
        }
        return Optional.empty();
    }
}

package org.bridgelab.capture;

/**
 * One line of a netfilter trace: in {@code table}, chain {@code chain} (for a built-in chain, the hook),
 * a {@code rule} matched, the chain's {@code policy} applied, or it {@code return}ed, with the verdict.
 *
 * @param rule the matching rule in iptables syntax ("-4 -t nat -A POSTROUTING … -j MASQUERADE"), or "" for a policy
 */
public record NetfilterStep(String table, String chain, String kind, String verdict, String rule, String in, String out) {

    /** What decided the packet here: the rule's target ("MASQUERADE", "DNAT") or the verdict ("ACCEPT"). */
    public String decision() {
        int jump = rule.lastIndexOf(" -j ");
        if (jump >= 0) {
            String target = rule.substring(jump + 4).strip();
            int space = target.indexOf(' ');
            return space < 0 ? target : target.substring(0, space);
        }
        return verdict;
    }

    /** "nat POSTROUTING: MASQUERADE". */
    public String describe() {
        return table + " " + chain + ": " + decision() + ("policy".equals(kind) ? " (policy)" : "");
    }
}

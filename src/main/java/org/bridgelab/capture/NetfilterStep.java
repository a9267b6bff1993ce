package org.bridgelab.capture;

import java.util.regex.Pattern;
import org.bridgelab.words.Phrase;

/**
 * One line of a netfilter trace: in {@code table}, chain {@code chain} (for a built-in chain, the hook),
 * a {@code rule} matched, the chain's {@code policy} applied, or it {@code return}ed, with the verdict.
 *
 * @param rule the matching rule in iptables syntax ("-4 -t nat -A POSTROUTING … -j MASQUERADE"), or "" for a policy
 */
public record NetfilterStep(
        String table, String chain, String kind, String verdict, String rule, String in, String out) {

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

    /** BridgeLab's own {@code -j TRACE} rule ({@link NetfilterTracer}): how the path was seen, not part of it. */
    public boolean isTraceRule() {
        return rule.strip().endsWith("-j TRACE");
    }

    /**
     * The rule as the learner would match it against their rules, without the "-4 -t nat -A POSTROUTING" that
     * table and chain already say: "-s 172.18.0.0/24 ! -o br0 -j MASQUERADE".
     */
    public String ruleText() {
        return WHERE.matcher(rule.strip()).replaceFirst("");
    }

    /**
     * In the learner's words: "POSTROUTING · nat table · rule `-s 172.18.0.0/24 ! -o br0 -j MASQUERADE` →
     * MASQUERADE (in br0, out eth0)", "PREROUTING · raw table · policy ACCEPT (in br0)".
     */
    public Phrase wording() {
        Object interfaces = interfaces();
        return switch (kind) {
            case "policy" -> Phrase.of("netfilter.policy", chain, table, verdict, interfaces);
            case "rule" -> Phrase.of("netfilter.rule", chain, table, ruleText(), decision(), interfaces);
            case "return" -> Phrase.of("netfilter.return", chain, table, interfaces);
            default -> Phrase.of("netfilter.other", chain, table, kind, verdict, interfaces);
        };
    }

    private Object interfaces() {
        if (!in.isEmpty() && !out.isEmpty()) {
            return Phrase.of("netfilter.inOut", in, out);
        }
        if (!in.isEmpty()) {
            return Phrase.of("netfilter.in", in);
        }
        return out.isEmpty() ? "" : Phrase.of("netfilter.out", out);
    }

    private static final Pattern WHERE = Pattern.compile("^(-[46]\\s+)?(-t\\s+\\S+\\s+)?-[AI]\\s+\\S+\\s*");

    /** "nat POSTROUTING: MASQUERADE". */
    public String describe() {
        return table + " " + chain + ": " + decision() + ("policy".equals(kind) ? " (policy)" : "");
    }
}

package org.bridgelab.kernel;

import java.util.List;
import org.bridgelab.words.Phrase;

/**
 * The answer to "can A reach B?": the path the packet (and its reply) takes as far as the rules say, what a
 * real probe packet showed on the kernel (empty when no probe was sent), and the verdict.
 */
public record Diagnosis(
        String from,
        String to,
        Integer port,
        List<Phrase> path,
        List<Phrase> witness,
        List<Traced> traced,
        Verdict verdict) {
    public Diagnosis {
        path = List.copyOf(path);
        witness = List.copyOf(witness);
        traced = List.copyOf(traced);
    }

    /**
     * The probe's way through one namespace's netfilter as the kernel traced it ("172.18.0.2 → 198.51.100.10:
     * raw PREROUTING ACCEPT, filter FORWARD DROP (…)"), and whether it ended in a drop, for the diagram.
     */
    public record Traced(String namespace, String journey, boolean dropped) {}

    /** A reading of the rules alone, not yet witnessed by a probe. */
    public Diagnosis(String from, String to, Integer port, List<Phrase> path, Verdict verdict) {
        this(from, to, port, path, List.of(), List.of(), verdict);
    }

    /** The same reading with what the probe showed and the verdict the kernel's evidence supports. */
    public Diagnosis witnessed(List<Phrase> evidence, List<Traced> probePaths, Verdict decided) {
        return new Diagnosis(from, to, port, path, evidence, probePaths, decided);
    }

    public boolean reachable() {
        return verdict.reachable();
    }

    /** Several lines for a terminal: the path, the verdict, and the fix, in English. */
    public String explain() {
        return explain("en");
    }

    /** The same lines in "en" or "zh". */
    public String explain(String language) {
        StringBuilder text = new StringBuilder(from + " → " + to + (port == null ? "" : ":" + port) + "\n");
        if (!witness.isEmpty()) {
            text.append(Phrase.of("diag.reading.heading").in(language)).append('\n');
        }
        path.forEach(step -> text.append("  ").append(step.in(language)).append('\n'));
        if (!witness.isEmpty()) {
            text.append(Phrase.of("diag.witness.heading").in(language)).append('\n');
            witness.forEach(seen -> text.append("  ").append(seen.in(language)).append('\n'));
        }
        Phrase headline = verdict.reachable()
                ? Phrase.of("diag.verdict.reachable", verdict.explanation())
                : Phrase.of("diag.verdict.unreachable", verdict.kind(), verdict.explanation());
        text.append(headline.in(language)).append('\n');
        if (!verdict.fix().isEmpty()) {
            text.append(Phrase.of("diag.fix", verdict.fix()).in(language)).append('\n');
        }
        return text.toString();
    }
}

package org.bridgelab.lesson;

import java.util.List;
import java.util.regex.Pattern;
import org.bridgelab.words.Phrase;

/**
 * What a command's result must show: its exit status (when given), texts or patterns its output must
 * contain, and texts it must show in a given order (a capture's ARP request, its reply, then the echo).
 * Checked against what the kernel really printed.
 */
public record Expectation(
        Integer exit,
        List<String> outputContains,
        List<String> outputLacks,
        List<Pattern> outputMatches,
        List<String> outputInOrder) {

    public static final Expectation SUCCESS = new Expectation(0, List.of(), List.of(), List.of());
    public static final Expectation NOTHING = new Expectation(null, List.of(), List.of(), List.of());

    public Expectation {
        outputContains = List.copyOf(outputContains);
        outputLacks = List.copyOf(outputLacks);
        outputMatches = List.copyOf(outputMatches);
        outputInOrder = List.copyOf(outputInOrder);
    }

    public Expectation(
            Integer exit, List<String> outputContains, List<String> outputLacks, List<Pattern> outputMatches) {
        this(exit, outputContains, outputLacks, outputMatches, List.of());
    }

    /** One result per expectation, each with the evidence that decided it. */
    public List<CheckResult> check(Integer exitCode, String output) {
        List<CheckResult> results = new java.util.ArrayList<>();
        if (exit != null) {
            boolean ok = exitCode != null && exitCode.intValue() == exit;
            results.add(new CheckResult(
                    Phrase.of("check.exit", exit),
                    ok,
                    exitCode == null
                            ? Phrase.of("evidence.still-running")
                            : Phrase.of("evidence.exit-status", exitCode)));
        }
        for (String text : outputContains) {
            boolean ok = output.contains(text);
            results.add(new CheckResult(
                    Phrase.of("check.output.contains", text), ok, ok ? lineWith(output, text) : tail(output)));
        }
        for (String text : outputLacks) {
            boolean ok = !output.contains(text);
            results.add(new CheckResult(
                    Phrase.of("check.output.lacks", text), ok, ok ? tail(output) : lineWith(output, text)));
        }
        for (Pattern pattern : outputMatches) {
            java.util.regex.Matcher matcher = pattern.matcher(output);
            boolean ok = matcher.find();
            results.add(new CheckResult(
                    Phrase.of("check.output.matches", pattern.pattern()), ok, ok ? matcher.group() : tail(output)));
        }
        if (!outputInOrder.isEmpty()) {
            results.add(inOrder(output));
        }
        return results;
    }

    /** Each text on a line after the previous text's line; the evidence is those lines, or where the order broke. */
    private CheckResult inOrder(String output) {
        List<String> lines = output.lines().toList();
        List<String> found = new java.util.ArrayList<>();
        int from = 0;
        for (String text : outputInOrder) {
            int at = from;
            while (at < lines.size() && !lines.get(at).contains(text)) {
                at++;
            }
            if (at == lines.size()) {
                String where = found.isEmpty() ? "" : "after \"" + found.get(found.size() - 1) + "\": ";
                boolean earlier =
                        lines.subList(0, Math.min(from, lines.size())).stream().anyMatch(line -> line.contains(text));
                return new CheckResult(
                        Phrase.of("check.output.inOrder", String.join(" → ", outputInOrder)),
                        false,
                        where + (earlier ? "\"" + text + "\" came before it" : "no \"" + text + "\"") + "\n"
                                + tail(output));
            }
            found.add(lines.get(at).strip());
            from = at + 1;
        }
        return new CheckResult(
                Phrase.of("check.output.inOrder", String.join(" → ", outputInOrder)), true, String.join("\n", found));
    }

    private static String lineWith(String output, String text) {
        return output.lines()
                .filter(line -> line.contains(text))
                .findFirst()
                .orElse(text)
                .strip();
    }

    /** The end of the output, which is where a command says what went wrong. */
    static String tail(String output) {
        List<String> lines = output.strip().lines().toList();
        if (lines.isEmpty()) {
            return "(no output)";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}

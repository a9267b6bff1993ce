package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's history, as a shell's: ↑ goes back through what was run, ↓ forward again and finally to
 * what was being typed; Ctrl-R finds the newest command holding some text, and older ones on each further
 * Ctrl-R. A command run twice in a row is kept once; the oldest go past {@link #MAX}.
 */
final class CommandHistory {
    static final int MAX = 500;

    private final List<String> entries = new ArrayList<>();
    /** Where ↑ and ↓ are: entries.size() is "not in the history", the line being typed. */
    private int at;

    private String draft = "";
    /** Where the search goes on from: entries before this index are older than the last match. */
    private int searchFrom;

    void add(String command) {
        if (!command.isBlank()
                && (entries.isEmpty() || !entries.get(entries.size() - 1).equals(command))) {
            entries.add(command);
            if (entries.size() > MAX) {
                entries.remove(0);
            }
        }
        at = entries.size();
        draft = "";
        searchFrom = entries.size();
    }

    /** Ctrl-R: the newest command older than the last match that holds {@code text}; empty when none is left. */
    java.util.Optional<String> search(String text) {
        for (int i = Math.min(searchFrom, entries.size()) - 1; i >= 0; i--) {
            if (entries.get(i).contains(text)) {
                searchFrom = i;
                return java.util.Optional.of(entries.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** A new search starts from the newest command again. */
    void endSearch() {
        searchFrom = entries.size();
    }

    /** ↑: the command before the one shown; {@code typed} is kept to come back to. */
    String previous(String typed) {
        if (at == entries.size()) {
            draft = typed;
        }
        if (at > 0) {
            at--;
        }
        return entries.isEmpty() ? typed : entries.get(at);
    }

    /** ↓: the command after the one shown, or what was being typed. */
    String next() {
        if (at < entries.size()) {
            at++;
        }
        return at == entries.size() ? draft : entries.get(at);
    }
}

package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's history, as a shell's: ↑ goes back through what was run, ↓ forward again and finally to
 * what was being typed. A command run twice in a row is kept once; the oldest go past {@link #MAX}.
 */
final class CommandHistory {
    static final int MAX = 500;

    private final List<String> entries = new ArrayList<>();
    /** Where ↑ and ↓ are: entries.size() is "not in the history", the line being typed. */
    private int at;
    private String draft = "";

    void add(String command) {
        if (!command.isBlank() && (entries.isEmpty() || !entries.get(entries.size() - 1).equals(command))) {
            entries.add(command);
            if (entries.size() > MAX) {
                entries.remove(0);
            }
        }
        at = entries.size();
        draft = "";
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

package org.bridgelab.lesson;

import java.util.List;

/**
 * A line typed or pasted at a console, read the one way the window's console and {@code bridgelab shell} both
 * read it: a prompt pasted with it ({@code $ }, {@code user@host:~$ }) taken off, an {@code apt-get install}
 * answered rather than run, shell syntax refused with its reason, and a command that runs until it is stopped
 * told apart.
 *
 * @param pastedPrompt the prompt taken off, or null
 * @param text         the command as written, without the prompt
 * @param argv         the command's words; empty when refused
 * @param installs     the packages of an {@code apt-get install} (answered, not run), or null for any other line
 * @param refusal      why the text cannot run as a command (shell syntax, an open quote), or null
 */
public record TypedLine(String pastedPrompt, String text, List<String> argv, List<String> installs, String refusal) {

    public static TypedLine of(String line) {
        String prompt = CommandText.pastedPrompt(line).orElse(null);
        String text = (prompt == null ? line : line.substring(prompt.length())).strip();
        try {
            List<String> argv = CommandText.tokenize(text);
            return new TypedLine(
                    prompt, text, argv, CommandText.packagesInstalled(argv).orElse(null), null);
        } catch (IllegalArgumentException notACommand) {
            return new TypedLine(prompt, text, List.of(), null, notACommand.getMessage());
        }
    }

    /** A {@code tcpdump}, an {@code nc -l}, a {@code ping} without {@code -c}: it has to be stopped. */
    public boolean runsUntilStopped() {
        return refusal == null && CommandText.runsUntilStopped(argv);
    }
}

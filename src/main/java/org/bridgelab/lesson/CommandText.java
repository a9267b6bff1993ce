package org.bridgelab.lesson;

import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.RequiredTool;

/**
 * Turns a command as a learner reads it ({@code sudo iptables -t nat -A POSTROUTING -s 172.18.0.0/24 ! -o br0
 * -j MASQUERADE}) into argv, the way a shell would split words: single and double quotes group, a backslash
 * escapes. It never expands anything, so shell syntax ({@code |}, {@code >}, {@code ;}, {@code $(...)},
 * backticks, {@code $VAR}) is refused with a clear message rather than silently passed on as text.
 */
public final class CommandText {
    private CommandText() {}

    /**
     * A shell prompt pasted with the command, as tutorials print them ({@code $ }, {@code # },
     * {@code user@host:~$ }, {@code [user@host dir]# }); empty if the text starts with none. A prompt ends
     * in {@code $} or {@code #} followed by a space, so {@code $HOME} is no prompt.
     */
    public static java.util.Optional<String> pastedPrompt(String text) {
        java.util.regex.Matcher prompt = PROMPT.matcher(text);
        return prompt.find() && prompt.end() < text.length()
                ? java.util.Optional.of(prompt.group())
                : java.util.Optional.empty();
    }

    private static final java.util.regex.Pattern PROMPT =
            java.util.regex.Pattern.compile("^\\s*(?:[\\w.-]+@[\\w.-]+(?::[^\\s$#]*)?\\s?|\\[[^\\]]+\\]\\s?)?[$#] +");

    /**
     * The command argv runs, through the wrappers the tutorial uses: {@code sudo X}, {@code timeout N X},
     * {@code ip netns exec NS X} (what runs in a namespace is the command inside). Empty for a bare wrapper.
     */
    public static List<String> innerCommand(List<String> argv) {
        return unwrap(argv, new ArrayList<>());
    }

    /** The programs argv starts, outermost first, sudo and timeout left out: {@code [ip, ping]} for ip netns exec. */
    public static List<String> programs(List<String> argv) {
        List<String> programs = new ArrayList<>();
        List<String> inner = unwrap(argv, programs);
        if (!inner.isEmpty()) {
            programs.add(inner.get(0));
        }
        return programs;
    }

    /** Takes off the wrappers, noting each wrapper that is a program of its own (ip of ip netns exec). */
    private static List<String> unwrap(List<String> argv, List<String> wrappingPrograms) {
        List<String> command = argv;
        while (!command.isEmpty()) {
            if (command.get(0).equals("sudo")) {
                command = command.subList(1, command.size());
            } else if (command.get(0).equals("timeout") && command.size() > 2) {
                command = command.subList(2, command.size());
            } else if (isNetnsExec(command)) {
                wrappingPrograms.add("ip");
                command = command.subList(4, command.size());
            } else {
                break;
            }
        }
        return command;
    }

    private static boolean isNetnsExec(List<String> command) {
        return command.size() > 4
                && command.get(0).equals("ip")
                && command.get(1).equals("netns")
                && command.get(2).equals("exec");
    }

    /**
     * The command with its output line-buffered (stdbuf -oL after a leading sudo): a program writing to a pipe
     * buffers its output in blocks, so a capture in its tab showed nothing until it was stopped.
     */
    public static List<String> lineBuffered(List<String> argv) {
        int after = argv.get(0).equals("sudo") ? 1 : 0;
        List<String> wrapped = new ArrayList<>(argv.subList(0, after));
        wrapped.addAll(List.of("stdbuf", "-oL"));
        wrapped.addAll(argv.subList(after, argv.size()));
        return wrapped;
    }

    /**
     * Whether argv runs until it is stopped, as a capture, a server, a monitor or a ping without a count does:
     * the console gives such a command a tab of its own instead of waiting for it to end.
     */
    public static boolean runsUntilStopped(List<String> argv) {
        List<String> command = innerCommand(argv);
        if (command.isEmpty()) {
            return false;
        }
        List<String> options = command.subList(1, command.size());
        return switch (command.get(0)) {
            case "tcpdump", "ping" -> options.stream().noneMatch(option -> option.startsWith("-c"));
            case "nc", "netcat" ->
                options.stream()
                        .anyMatch(option -> option.startsWith("-") && !option.startsWith("--") && option.contains("l"));
            case "telnet", "xtables-monitor" -> true;
            case "ip", "bridge" -> options.contains("monitor");
            case "conntrack" -> options.contains("-E");
            default -> false;
        };
    }

    /**
     * The packages of an {@code apt-get install}, {@code apt install} or {@code apt-get install -y …} (after
     * sudo), or empty when argv is something else: the console answers those instead of running apt.
     */
    public static java.util.Optional<List<String>> packagesInstalled(List<String> argv) {
        List<String> command = innerCommand(argv);
        if (command.size() < 2 || !List.of("apt", "apt-get", "aptitude").contains(command.get(0))) {
            return java.util.Optional.empty();
        }
        List<String> words = command.subList(1, command.size()).stream()
                .filter(word -> !word.startsWith("-"))
                .toList();
        if (words.isEmpty() || !words.get(0).equals("install")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(words.subList(1, words.size()));
    }

    /** The programs the lab has: what a command may start with (Tab completes them in the console). */
    public static List<String> labPrograms() {
        return java.util.Arrays.stream(RequiredTool.values())
                .map(RequiredTool::command)
                .toList();
    }

    /**
     * What the console says to an install of this package instead of running apt, which would change the
     * machine, not the lab: that the lab already has its programs, or that installing is the learner's own.
     */
    public static String answerToInstall(String debianPackage) {
        List<RequiredTool> tools = RequiredTool.fromPackage(debianPackage);
        return tools.isEmpty()
                ? debianPackage + " is not a package the lessons use, and the console does not install packages (apt"
                        + " would change the machine, not the lab): to install it, use a terminal of your own"
                : debianPackage + " is already there: "
                        + String.join(
                                ", ", tools.stream().map(RequiredTool::command).toList())
                        + " can be used in this console as it is";
    }

    public static List<String> tokenize(String text) {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            // no program can receive it: the kernel's argv ends every word at a NUL
            throw new IllegalArgumentException(
                    "a NUL character (at position " + (nul + 1) + ") cannot be part of a command");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else if (c == '$' || c == '`') {
                    throw refused(text, String.valueOf(c));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new IllegalArgumentException("ends with a lone backslash: " + text);
                }
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ("|&;<>`$()".indexOf(c) >= 0) {
                throw refused(text, String.valueOf(c));
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + (quote == '\'' ? "single" : "double") + " quote: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return List.copyOf(words);
    }

    private static IllegalArgumentException refused(String text, String symbol) {
        return new IllegalArgumentException("shell syntax '" + symbol + "' is not supported (commands run as argv, "
                + "without a shell; quote it if it is meant literally): " + text);
    }
}

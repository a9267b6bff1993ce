package org.bridgelab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * What a window that speaks Chinese still says in English: every text on the screen with two English words in a
 * row, outside what is rightly the kernel's or the learner's own words — commands, command output, rule and
 * route texts, interface names (the regions styled as such are not read).
 */
final class EnglishWords {
    /**
     * Two words of letters in a row, the second in lower case: "on this", "sandbox on"; "br0", "ip_forward",
     * "172.18.0.0/24" are none, and neither is a name before a name ("docker  Docker 是怎么做的").
     */
    private static final Pattern TWO_WORDS = Pattern.compile("(?<![\\w./-])[A-Za-z]{2,}[ ,]+[a-z]{2,}(?![\\w./-])");
    /** A command inside a sentence ("修复：sudo ip link set br0 up"): shown as typed in every language. */
    private static final Pattern COMMAND = Pattern.compile(
            "\\b(sudo|ip|ping|iptables|nc|tcpdump|bridge|brctl|sysctl|telnet)\\s[^\\n\\p{IsHan}，。（）—]*");
    /** Quoted text ("输出里有“ 0% packet loss”"): what a command must print, quoted as it prints it. */
    private static final Pattern QUOTED = Pattern.compile("“[^”]*”|\"[^\"]*\"");
    /** Regions whose words are the kernel's, a command's or a name, shown as they are in every language. */
    private static final Set<String> OWN_WORDS = Set.of(
            "console",
            "command",
            "netfilter",
            "route",
            "chip",
            "prose-code",
            "topology-details",
            "box-title",
            "check-evidence",
            "diagnosis-evidence",
            // a played-back recording's checks, in the words they were recorded with (the step says so)
            "recorded");

    private EnglishWords() {}

    /** Each text of the scene graph under {@code root} with English words in it, with where it is. */
    static List<String> in(Node root) {
        List<String> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<String> found) {
        if (!node.isVisible() || node.getStyleClass().stream().anyMatch(OWN_WORDS::contains)) {
            return;
        }
        String text = null;
        if (node instanceof Labeled labeled) {
            text = labeled.getText();
        } else if (node instanceof Text shape) {
            text = shape.getText();
        } else if (node instanceof TextInputControl input) {
            text = input.getPromptText();
        }
        if (text != null
                && TWO_WORDS
                        .matcher(COMMAND.matcher(QUOTED.matcher(text).replaceAll(""))
                                .replaceAll(""))
                        .find()) {
            found.add(node.getClass().getSimpleName() + node.getStyleClass() + ": " + text);
        }
        if (node instanceof ComboBoxBase<?> box
                && box.getValue() instanceof String value
                && TWO_WORDS.matcher(value).find()) {
            found.add("ComboBox: " + value);
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }
}

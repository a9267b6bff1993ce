package org.bridgelab.lesson;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a command tried to reach, when it is a connectivity probe (ping, telnet, nc as a client): from which
 * namespace, to which address and port. When such a command fails, the diagnosis explains why.
 */
public record ReachProbe(String from, String address, Integer port) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static Optional<ReachProbe> of(Action action) {
        if (!(action instanceof Action.Run run)) {
            return Optional.empty();
        }
        List<String> argv = run.argv().stream().dropWhile("sudo"::equals).toList();
        boolean inNamespace = argv.size() > 4 && argv.subList(0, 3).equals(List.of("ip", "netns", "exec"));
        String from = inNamespace ? argv.get(3) : run.node();
        List<String> words = inNamespace ? argv.subList(4, argv.size()) : argv;
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> operands = words.subList(1, words.size()).stream()
                .filter(word -> !word.startsWith("-"))
                .toList();
        String tool = words.get(0);
        if (tool.equals("ping")) {
            return operands.stream()
                    .filter(word -> IPV4.matcher(word).matches())
                    .reduce((a, b) -> b)
                    .map(address -> new ReachProbe(from, address, null));
        }
        boolean listens = words.stream().anyMatch(word -> word.startsWith("-l"));
        if ((tool.equals("telnet") || tool.equals("nc")) && !listens) {
            List<String> addressAndPort = operands.stream()
                    .filter(word -> IPV4.matcher(word).matches() || word.matches("\\d+"))
                    .toList();
            int at = indexOfAddress(addressAndPort);
            if (at >= 0 && at + 1 < addressAndPort.size()) {
                return Optional.of(
                        new ReachProbe(from, addressAndPort.get(at), Integer.parseInt(addressAndPort.get(at + 1))));
            }
        }
        return Optional.empty();
    }

    private static int indexOfAddress(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (IPV4.matcher(words.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}

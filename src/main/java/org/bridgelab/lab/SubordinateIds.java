package org.bridgelab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A user's range of subordinate ids from /etc/subuid or /etc/subgid ({@code name:start:count}).
 * With one, the sandbox maps more than root, so tools that drop privileges (tcpdump) still work.
 */
public record SubordinateIds(long start, long count) {

    /** The first range listed for the user (by name or numeric id) in a subuid/subgid file's lines. */
    public static Optional<SubordinateIds> find(List<String> lines, String user, long id) {
        for (String line : lines) {
            String[] fields = line.strip().split(":");
            if (fields.length != 3 || !(fields[0].equals(user) || fields[0].equals(Long.toString(id)))) {
                continue;
            }
            try {
                long start = Long.parseLong(fields[1]);
                long count = Long.parseLong(fields[2]);
                if (count > 0) {
                    return Optional.of(new SubordinateIds(start, count));
                }
            } catch (NumberFormatException e) {
                // a malformed line is skipped, as newuidmap itself does
            }
        }
        return Optional.empty();
    }

    static Optional<SubordinateIds> read(Path file, String user, long id) {
        try {
            return find(Files.readAllLines(file), user, id);
        } catch (IOException e) {
            // no such file (or none readable): this user has no subordinate ids
            return Optional.empty();
        }
    }
}

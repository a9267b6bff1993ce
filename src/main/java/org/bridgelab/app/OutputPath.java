package org.bridgelab.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the command will write, checked before any work: a run builds a lab and captures for minutes, and
 * an output path found unwritable only at the end lost all of it.
 */
final class OutputPath {
    private OutputPath() {}

    /**
     * Throws {@link IllegalArgumentException} naming the option and why the file cannot be written; a null
     * path (the option not given) passes.
     */
    static void check(String option, Path file) {
        if (file == null) {
            return;
        }
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        String why = null;
        if (Files.isDirectory(absolute)) {
            why = "it is a directory";
        } else if (directory == null || !Files.isDirectory(directory)) {
            why = "there is no directory " + directory;
        } else if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            why = "it is not writable";
        } else if (!Files.exists(absolute) && !Files.isWritable(directory)) {
            why = "the directory " + directory + " is not writable";
        }
        if (why != null) {
            throw new IllegalArgumentException("cannot write " + option + " " + file + ": " + why);
        }
    }
}

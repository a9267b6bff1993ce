package org.bridgelab.app;

import java.nio.file.Path;
import java.util.List;
import org.bridgelab.lab.LabHostChoice;

/**
 * {@code bridgelab gui [--run LESSON] [--screenshot FILE.png] [--language en|zh] [--dark] [--lab-host …]}:
 * with --run the window runs the lesson through the GUI as a learner would; with --screenshot it then saves
 * a PNG of the whole window and exits (0 when every step passed).
 */
record GuiOptions(String run, Path screenshot, String language, boolean dark, LabHostChoice labHost) {

    static GuiOptions parse(List<String> args) {
        String run = null;
        Path screenshot = null;
        String language = null;
        boolean dark = false;
        boolean yes = false;
        String host = "sandbox";
        Path sshConfig = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--run" -> run = CliArgs.value(args, ++i, arg);
                case "--screenshot" -> screenshot = Path.of(CliArgs.value(args, ++i, arg));
                case "--language" -> {
                    language = CliArgs.value(args, ++i, arg);
                    if (!List.of("en", "zh").contains(language)) {
                        throw new IllegalArgumentException("--language is en or zh, not " + language);
                    }
                }
                case "--dark" -> dark = true;
                case "--lab-host" -> host = CliArgs.value(args, ++i, arg);
                case "--ssh-config" -> sshConfig = Path.of(CliArgs.value(args, ++i, arg));
                case "--yes-change-this-machine" -> yes = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new GuiOptions(run, screenshot, language, dark, LabHostChoice.parse(host, sshConfig, yes));
    }

}

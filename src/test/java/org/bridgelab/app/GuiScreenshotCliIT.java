package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridgelab gui --screenshot}, started as a user starts it under an X server (Xvfb): a picture, then exit. */
@KernelTest
class GuiScreenshotCliIT {
    @TempDir
    Path dir;

    @Test
    void a_screenshot_without_a_lesson_to_run_is_taken_once_the_lab_is_connected() throws IOException {
        Path picture = dir.resolve("window.png");

        CommandResult gui = Cli.runAs(
                List.of("xvfb-run", "-a", "-s", "-screen 0 1024x700x24"),
                Cli.JAR,
                "gui",
                "--size",
                "1024x700",
                "--screenshot",
                picture.toString());

        assertThat(gui.exitCode()).as(gui.stderr()).isZero();
        assertThat(gui.stderr()).contains("screenshot written to " + picture);
        assertThat(Files.exists(picture)).isTrue();
        assertThat(ImageIO.read(picture.toFile()).getWidth()).isEqualTo(1024);
    }
}

package org.bridgelab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    @TempDir
    Path dir;

    @Test
    void progress_is_read_back_as_it_was_written() throws IOException {
        ProgressFile file = new ProgressFile(dir.resolve("state/progress.json"));
        Progress progress = Progress.none()
                .completing("s1", "namespaces")
                .completing("s1", "veth")
                .answering("s1", "ping", "arp", true)
                .answering("s3", "masquerade", "dnat", false)
                .at("s3", "masquerade");

        file.save(progress);
        ProgressFile.Loaded loaded = file.load();

        assertThat(loaded.problem()).isNull();
        assertThat(loaded.progress()).isEqualTo(progress);
        assertThat(loaded.progress().wasCompleted("s1", "veth")).isTrue();
        assertThat(loaded.progress().rightAnswers()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("progress.json");
        }
    }

    @Test
    void no_file_is_no_progress() {
        ProgressFile.Loaded loaded = new ProgressFile(dir.resolve("progress.json")).load();

        assertThat(loaded.progress().isEmpty()).isTrue();
        assertThat(loaded.problem()).isNull();
    }

    @Test
    void a_damaged_file_is_kept_aside_and_said_never_lost() throws IOException {
        Path path = dir.resolve("progress.json");
        Files.writeString(path, "{\"completed\": {\"s1\": [\"veth\"");

        ProgressFile.Loaded loaded = new ProgressFile(path).load();

        assertThat(loaded.progress().isEmpty()).isTrue();
        assertThat(loaded.problem()).contains("could not be read").contains("kept as");
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(file -> file.getFileName().toString().startsWith("progress.json.damaged-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(aside)).isEqualTo("{\"completed\": {\"s1\": [\"veth\"");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void completing_a_step_twice_keeps_it_once_and_moves_the_learner_there() {
        Progress progress = Progress.none().completing("s1", "a").completing("s1", "a");

        assertThat(progress.completed().get("s1")).containsExactly("a");
        assertThat(progress.lastLesson()).isEqualTo("s1");
        assertThat(progress.lastStep()).isEqualTo("a");
    }
}

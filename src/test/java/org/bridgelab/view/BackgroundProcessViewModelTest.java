package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bridgelab.lab.LiveProcess;
import org.bridgelab.lab.OutputListener;
import org.bridgelab.lab.ProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A console tab of a command that prints without end keeps its newest lines and says how many went. */
class BackgroundProcessViewModelTest {
    private final LiveProcess process = new ProcessRunner().start(List.of("sleep", "60"), OutputListener.IGNORE);

    @AfterEach
    void stopIt() {
        process.stop();
    }

    @Test
    void a_flood_of_lines_keeps_the_newest_and_a_note_of_the_rest() {
        BackgroundProcessViewModel tab = new BackgroundProcessViewModel(
                "yes", "yes", org.bridgelab.lesson.BackgroundCommand.of(process), new SameThreadTaskExecutor());

        int printed = 0;
        for (int batch = 0; batch < 50; batch++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                lines.add("y " + printed++);
            }
            tab.addLinesFx(lines);
        }

        assertThat(tab.lines().size())
                .isLessThanOrEqualTo(
                        BackgroundProcessViewModel.MAX_LINES + BackgroundProcessViewModel.MAX_LINES / 10 + 1);
        assertThat(tab.lines().get(tab.lines().size() - 1)).isEqualTo("y 49999");
        int kept = tab.lines().size() - 1;
        assertThat(tab.lines().get(0)).isEqualTo("[… " + (printed - kept) + " earlier lines not kept]");
        assertThat(tab.lines().get(1)).isEqualTo("y " + (printed - kept));
    }
}

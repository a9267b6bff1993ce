package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The top bar at the smallest window size, with the longest message a lost lab host gives: buttons keep their words. */
@ExtendWith(ApplicationExtension.class)
class LabHostBarIT {
    private static final String LONG_REASON = "lost the SSH connection to lab-vm-of-the-networking-class.example: "
            + "kex_exchange_identification: read: Connection reset by peer; ssh exited with status 255 after 30 s";
    private LabViewModel model;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        Scene scene = new Scene(new MainWindow(model, new I18n(I18n.ENGLISH)), 1024, 700);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void a_long_message_shrinks_itself_not_the_buttons_and_is_whole_in_its_tooltip(FxRobot robot) {
        // when: the lab host is lost with a long reason
        robot.interact(() -> model.failedFx(new IllegalStateException(LONG_REASON)));

        // then: Reset lab, Reconnect, the language and Dark are as wide as their words need
        for (String id : new String[] {"#reset", "#reconnect", "#dark", "#high-contrast"}) {
            Labeled button = robot.lookup(id).queryAs(Labeled.class);
            assertThat(button.getWidth())
                    .as(id + " \"" + button.getText() + "\"")
                    .isGreaterThanOrEqualTo(button.prefWidth(-1) - 0.5);
        }
        Region language = robot.lookup("#language").queryAs(Region.class);
        assertThat(language.getWidth()).isGreaterThanOrEqualTo(language.prefWidth(-1) - 0.5);
        // and the message, cut to fit, can be read whole
        Labeled problem = robot.lookup(".problem").queryAs(Labeled.class);
        assertThat(problem.getText()).contains(LONG_REASON);
        assertThat(problem.getTooltip()).extracting(Tooltip::getText).asString().contains(LONG_REASON);
        assertThat(robot.lookup(".lab-host-bar").queryAs(Region.class).getWidth())
                .isLessThanOrEqualTo(1024);
    }
}

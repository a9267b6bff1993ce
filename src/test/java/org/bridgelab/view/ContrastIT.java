package org.bridgelab.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bridgelab.lesson.Curriculum;
import org.bridgelab.lesson.Lesson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every text of the window — lessons, the diagram drawn from the snapshot recorded after scenario 4, the tools,
 * a packet's details with its translation, a chip and counters lit by a change, the list of keys — reads at least 4.5:1 (WCAG AA) against what is painted behind it in the light and dark
 * themes, and 7:1 in the high-contrast one. Headless, without a lab.
 */
@ExtendWith(ApplicationExtension.class)
class ContrastIT {
    private static final javafx.css.PseudoClass CHANGED = javafx.css.PseudoClass.getPseudoClass("changed");
    private LabViewModel model;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        model = new LabViewModel(Curriculum.bundled(), Sandbox.WINDOW, new SameThreadTaskExecutor());
        window = new MainWindow(model, new I18n(I18n.ENGLISH));
        scene = new Scene(window, 1366, 768);
        scene.getStylesheets().add(Resources.url("assets/bridgelab.css"));
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void every_text_reads_at_least_4_5_to_1_and_7_to_1_in_high_contrast(FxRobot robot) {
        // given: a step with a prediction, the lab's diagram, and scenario 3's packets with the masqueraded
        // request selected (its passport and its translation in the details)
        Lesson s3 = model.lessons().curriculum().lesson("s3");
        robot.interact(() -> {
            window.lessons().select(s3, s3.steps().get(2));
            RecordedCaptures.showScenario3(model);
        });
        FxWait.await(
                () -> model.packets().rows().stream()
                        .anyMatch(row -> model.packets().natOf(row) != null),
                () -> "no translated packet");
        robot.interact(() -> model.packets()
                .selectedProperty()
                .set(model.packets().rows().stream()
                        .filter(row -> model.packets().natOf(row) != null)
                        .findFirst()
                        .orElseThrow()));
        assertThat(robot.lookup(".detail-nat").tryQuery())
                .as("the translation in the details")
                .isPresent();

        for (Theme theme : Theme.values()) {
            for (boolean keys : new boolean[] {false, true}) {
                // when:
                robot.interact(() -> {
                    window.hostBar().themeProperty().set(theme);
                    window.showKeys(keys);
                    // a chip the last change touched and a counter that just moved, as they are lit for a moment
                    window.topology().chip("host", "br0").pseudoClassStateChanged(CHANGED, true);
                    window.topology()
                            .lookupAll(".rule-counter")
                            .forEach(counter -> counter.pseudoClassStateChanged(NetfilterDrawing.COUNTED, true));
                });

                // then:
                double least = theme == Theme.HIGH_CONTRAST ? 7 : 4.5;
                // the keys lie over the rest: then they are judged alone
                assertThat(FxWait.onFx(() -> keys
                                ? Contrast.below(
                                        scene, robot.lookup("#keys-help").query(), least)
                                : Contrast.below(scene, least)))
                        .as("texts below %s:1 in the %s theme%s", least, theme, keys ? ", the keys shown" : "")
                        .isEmpty();
            }
        }
    }

    @Test
    void the_timelines_canvas_paints_words_at_4_5_to_1_and_lines_at_3_to_1_and_7_to_1_in_high_contrast() {
        // the canvas draws text no scene-graph walk sees: its palette is judged instead
        for (Theme theme : Theme.values()) {
            Theme.Palette palette = theme.palette();
            double least = theme == Theme.HIGH_CONTRAST ? 7 : 4.5;
            assertThat(Contrast.ratio(palette.text(), palette.background()))
                    .as(theme + " text")
                    .isGreaterThanOrEqualTo(least);
            assertThat(Contrast.ratio(palette.muted(), palette.background()))
                    .as(theme + " muted")
                    .isGreaterThanOrEqualTo(least);
            assertThat(Contrast.ratio(palette.nat(), palette.background()))
                    .as(theme + " NAT")
                    .isGreaterThanOrEqualTo(least);
            // the packets' lines are graphics: WCAG asks 3:1 of them (high contrast keeps 7:1)
            double lines = theme == Theme.HIGH_CONTRAST ? 7 : 3;
            for (PacketTimelineViewModel.Kind kind : PacketTimelineViewModel.Kind.values()) {
                assertThat(Contrast.ratio(palette.of(kind), palette.background()))
                        .as(theme + " " + kind.label())
                        .isGreaterThanOrEqualTo(lines);
            }
        }
    }
}

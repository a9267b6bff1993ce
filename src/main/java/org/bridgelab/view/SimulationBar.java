package org.bridgelab.view;

import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.bridgelab.capture.PacketEvent;

/**
 * The controls of simulation mode, shown while it is on: step back, play / pause, step forward (also ← and
 * →), the speed, "one event at a time", where the replay is, and the way back to live mode. Playing is a
 * pause per sighting, so the diagram's token finishes its hop before the next one starts.
 */
final class SimulationBar extends HBox {
    private final SimulationViewModel model;
    private final I18n i18n;
    private final Label where = new Label();
    private final PauseTransition tick = new PauseTransition();

    SimulationBar(SimulationViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        createView();
        initListeners();
    }

    private void createView() {
        setId("simulation-bar");
        getStyleClass().addAll("timeline-tools", "simulation-bar");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        Button back = new Button("◀");
        back.setId("sim-back");
        back.setOnAction(event -> model.stepBack());
        ToggleButton play = new ToggleButton();
        play.setId("sim-play");
        play.selectedProperty().bindBidirectional(model.playingProperty());
        play.textProperty()
                .bind(javafx.beans.binding.Bindings.when(model.playingProperty())
                        .then(i18n.text("simulation.pause"))
                        .otherwise(i18n.text("simulation.play")));
        Button forward = new Button("▶");
        forward.setId("sim-forward");
        forward.setOnAction(event -> model.stepForward());
        ComboBox<Double> speed = new ComboBox<>();
        speed.setId("sim-speed");
        speed.getItems().setAll(SimulationViewModel.SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null
                        ? ""
                        : (value == Math.rint(value) ? String.valueOf(value.intValue()) : String.valueOf(value)) + "×";
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.replace("×", ""));
            }
        });
        speed.setValue(model.speedProperty().get());
        speed.valueProperty()
                .addListener((obs, was, chosen) -> model.speedProperty().set(chosen));
        CheckBox one = new CheckBox();
        one.setId("sim-one");
        one.textProperty().bind(i18n.text("simulation.oneAtATime"));
        one.selectedProperty().bindBidirectional(model.oneAtATimeProperty());
        Button live = new Button();
        live.setId("sim-live");
        live.textProperty().bind(i18n.text("simulation.live"));
        live.setOnAction(event -> model.live());
        where.setId("sim-where");
        where.getStyleClass().add("hint");
        where.setMinWidth(0);
        HBox.setHgrow(where, Priority.ALWAYS);
        getChildren().addAll(back, play, forward, speed, one, where, live);
        visibleProperty().bind(model.activeProperty());
        managedProperty().bind(model.activeProperty());
    }

    private void initListeners() {
        model.currentProperty().addListener((Observable obs) -> showWhere());
        i18n.languageProperty().addListener((Observable obs) -> showWhere());
        tick.setOnFinished(event -> {
            boolean moved = model.stepForward();
            if (moved && model.oneAtATimeProperty().get()) {
                model.playingProperty().set(false);
            } else if (moved) {
                schedule();
            }
        });
        model.playingProperty().addListener((obs, was, playing) -> {
            if (playing) {
                schedule();
            } else {
                tick.stop();
            }
        });
    }

    /** ← and → step while simulation mode is on (consumed, so the tabs around do not switch). */
    void handle(KeyEvent event) {
        if (!model.activeProperty().get()) {
            return;
        }
        if (event.getCode() == KeyCode.RIGHT) {
            model.stepForward();
            event.consume();
        } else if (event.getCode() == KeyCode.LEFT) {
            model.stepBack();
            event.consume();
        }
    }

    private void schedule() {
        tick.setDuration(Duration.millis(model.hopMillis()));
        tick.playFromStart();
    }

    private void showWhere() {
        PacketEvent sighting = model.currentProperty().get();
        if (sighting == null) {
            where.setText(i18n.lookup("simulation.nothing"));
            return;
        }
        where.setText(i18n.lookup("simulation.where")
                .replace("{0}", String.valueOf(model.positionProperty().get() + 1))
                .replace("{1}", String.valueOf(model.countProperty().get()))
                .replace("{2}", sighting.point().label()));
    }
}

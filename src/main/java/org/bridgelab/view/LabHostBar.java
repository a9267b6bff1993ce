package org.bridgelab.view;

import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.util.StringConverter;

/** Which lab host is connected, its health, reset and reconnect; the language and theme switches. */
public final class LabHostBar extends HBox {
    private static final PseudoClass UP = PseudoClass.getPseudoClass("up");

    private final LabViewModel model;
    private final I18n i18n;
    private final Circle health = new Circle(6);
    private final Label host = new Label();
    private final Label problem = new Label();
    private final Button reset = new Button();
    private final Button reconnect = new Button();
    private final ChoiceBox<String> language = new ChoiceBox<>();
    private final ToggleButton dark = new ToggleButton();
    private final ToggleButton contrast = new ToggleButton();
    private final Button keys = new Button();
    private final javafx.beans.property.ObjectProperty<Theme> theme =
            new javafx.beans.property.SimpleObjectProperty<>(Theme.LIGHT);

    public LabHostBar(LabViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        createView();
        initListeners();
    }

    /** Shows the list of keys (the window decides where). */
    void onKeys(Runnable action) {
        keys.setOnAction(event -> action.run());
    }

    /** The theme the learner chose: Dark or High contrast (one at a time), or neither for the light one. */
    public javafx.beans.property.ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    private void createView() {
        getStyleClass().add("lab-host-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        health.getStyleClass().add("health");
        host.getStyleClass().add("host-description");
        problem.getStyleClass().add("problem");
        reset.setId("reset");
        reconnect.setId("reconnect");
        language.setId("language");
        language.getItems().setAll(I18n.ENGLISH, I18n.CHINESE);
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return I18n.CHINESE.equals(code) ? "中文" : "English";
            }

            @Override
            public String fromString(String label) {
                return "中文".equals(label) ? I18n.CHINESE : I18n.ENGLISH;
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label brand = new Label("BridgeLab");
        brand.getStyleClass().add("brand");
        getChildren().addAll(brand, health, host, problem, spacer, reset, reconnect, language, dark, contrast, keys);
        // the words shrink (cut with "…", whole in their tooltip), never the controls: a lost lab host's long
        // message once squeezed Reset lab, Reconnect and Dark to "…" just when Reconnect was needed
        for (Region control : new Region[] {brand, reset, reconnect, language, dark, contrast, keys}) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        host.setMinWidth(0);
        problem.setMinWidth(0);
    }

    private void initListeners() {
        host.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.connectedProperty().get()
                                ? i18n.lookup("host.connected") + ": "
                                        + model.labDescriptionProperty().get().in(i18n.language())
                                : model.replayingProperty().get()
                                                && !model.busyProperty().get()
                                        ? model.labDescriptionProperty().get().in(i18n.language())
                                        : model.busyProperty().get()
                                                ? i18n.lookup("host.connecting")
                                                : i18n.lookup("host.disconnected"),
                        model.connectedProperty(),
                        model.replayingProperty(),
                        model.busyProperty(),
                        model.labDescriptionProperty(),
                        i18n.languageProperty()));
        problem.textProperty().bind(model.problemProperty());
        host.setTooltip(wholeText(host));
        problem.setTooltip(wholeText(problem));
        health.pseudoClassStateChanged(UP, model.connectedProperty().get());
        model.connectedProperty().addListener((obs, was, up) -> health.pseudoClassStateChanged(UP, up));
        reset.textProperty().bind(i18n.text("host.reset"));
        reset.setTooltip(tooltip("host.reset.tip"));
        reset.disableProperty().bind(model.busyProperty());
        reset.setOnAction(event -> model.reset());
        reconnect.textProperty().bind(i18n.text("host.reconnect"));
        reconnect.setTooltip(tooltip("host.reconnect.tip"));
        reconnect.disableProperty().bind(model.connectedProperty().or(model.busyProperty()));
        reconnect.setOnAction(event -> model.reconnect());
        language.valueProperty().bindBidirectional(i18n.languageProperty());
        dark.textProperty().bind(i18n.text("host.dark"));
        dark.setId("dark");
        contrast.textProperty().bind(i18n.text("host.contrast"));
        contrast.setTooltip(tooltip("host.contrast.tip"));
        contrast.setId("high-contrast");
        keys.textProperty().bind(i18n.text("host.keys"));
        keys.setTooltip(tooltip("host.keys.tip"));
        keys.setId("keys");
        // one theme at a time: choosing one lets go of the other; letting go of both is the light theme
        javafx.scene.control.ToggleGroup themes = new javafx.scene.control.ToggleGroup();
        dark.setToggleGroup(themes);
        contrast.setToggleGroup(themes);
        themes.selectedToggleProperty()
                .addListener((obs, was, now) ->
                        theme.set(now == dark ? Theme.DARK : now == contrast ? Theme.HIGH_CONTRAST : Theme.LIGHT));
        theme.addListener((obs, was, now) -> {
            dark.setSelected(now == Theme.DARK);
            contrast.setSelected(now == Theme.HIGH_CONTRAST);
        });
    }

    /** The label's whole text, for when the bar has cut it. */
    private static Tooltip wholeText(Label label) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(label.textProperty());
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(600);
        return tooltip;
    }

    private Tooltip tooltip(String key) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(i18n.text(key));
        return tooltip;
    }
}

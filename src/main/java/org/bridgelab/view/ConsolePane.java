package org.bridgelab.view;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.bridgelab.kernel.Topology;

/**
 * Every command's output as it streams, a prompt that runs what the learner types in a chosen node of
 * the lab (as argv, never a shell), and a tab for each long-running command with an input line and a
 * stop button.
 */
public final class ConsolePane extends TabPane {
    private final LabViewModel model;
    private final I18n i18n;
    private final ListView<ConsoleEntry> lines = new ListView<>();
    private final ComboBox<String> node = new ComboBox<>();
    private final TextField input = new TextField();
    private final CommandHistory history;
    /** Under the input: Tab's choices, or what Ctrl-R searches for. */
    private final Label hint = new Label();
    /** What Ctrl-R looks for, while a search goes on; null otherwise. */
    private String searchText;

    private final Button run = new Button();
    private final Button background = new Button();
    private final Tab consoleTab = new Tab();

    public ConsolePane(LabViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.history = model.console().history();
        createView();
        initListeners();
    }

    /** Puts another view (the packet timeline) in the first tab, selected; returns that tab. */
    Tab showFirst(javafx.scene.Node content, javafx.beans.binding.StringBinding title) {
        Tab tab = new Tab();
        tab.textProperty().bind(title);
        tab.setContent(content);
        tab.setClosable(false);
        tab.setId("timeline-tab");
        getTabs().add(0, tab);
        getSelectionModel().select(tab);
        return tab;
    }

    private void createView() {
        getStyleClass().add("console-pane");
        lines.setId("console-lines");
        lines.getStyleClass().add("console");
        lines.setCellFactory(view -> new EntryCell(i18n));
        // BridgeLab's notes are worded anew in the other language
        i18n.languageProperty().addListener((obs, was, now) -> lines.refresh());
        node.setId("console-node");
        node.getItems().setAll("host");
        node.setValue("host");
        input.setId("console-input");
        HBox.setHgrow(input, Priority.ALWAYS);
        run.setId("console-run");
        background.setId("console-background");
        Label prompt = new Label();
        prompt.textProperty().bind(i18n.text("console.prompt"));
        HBox promptRow = new HBox(6, prompt, node, input, run, background);
        promptRow.setAlignment(Pos.CENTER_LEFT);
        promptRow.getStyleClass().add("prompt-row");
        hint.setId("console-hint");
        hint.getStyleClass().add("console-hint");
        hint.managedProperty().bind(hint.textProperty().isNotEmpty());
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
        BorderPane content = new BorderPane(lines);
        content.setBottom(new javafx.scene.layout.VBox(2, hint, promptRow));
        consoleTab.setContent(content);
        consoleTab.setClosable(false);
        consoleTab.setId("console-tab");
        getTabs().add(consoleTab);
    }

    private void initListeners() {
        consoleTab.textProperty().bind(i18n.text("console.title"));
        run.textProperty().bind(i18n.text("console.run"));
        background.textProperty().bind(i18n.text("console.background"));
        run.disableProperty().bind(model.connectedProperty().not());
        background.disableProperty().bind(model.connectedProperty().not());
        showWhileSelected(consoleTab, lines, model.console().entries());
        input.setOnAction(event -> runTyped());
        run.setOnAction(event -> runTyped());
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::recall);
        // while a command runs, the input says where a typed line goes and how to stop it
        model.console()
                .foregroundProperty()
                .addListener((property, was, now) ->
                        input.setPromptText(now == null ? "" : i18n.lookup("console.foreground")));
        background.setOnAction(event -> {
            if (!input.getText().isBlank()) {
                history.add(input.getText());
                model.console().startCommand(node.getValue(), input.getText());
                input.clear();
            }
        });
        model.topology().topologyProperty().addListener((Observable obs) -> {
            Topology topology = model.topology().topologyProperty().get();
            List<String> names = Stream.concat(
                            Stream.of("host"),
                            topology.namespaces().stream()
                                    .map(Topology.Namespace::name)
                                    .filter(name -> !"host".equals(name))
                                    .sorted())
                    .toList();
            String chosen = node.getValue();
            node.getItems().setAll(names);
            node.setValue(names.contains(chosen) ? chosen : "host");
        });
        model.console().backgrounds().addListener((ListChangeListener<BackgroundProcessViewModel>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::addTab);
                change.getRemoved().forEach(removed -> getTabs().removeIf(tab -> tab.getUserData() == removed));
            }
        });
    }

    private void runTyped() {
        if (running()) {
            // a line for the running command, blank ones included (an HTTP request ends with one)
            model.console().runCommand(node.getValue(), input.getText());
            input.clear();
            return;
        }
        if (!input.getText().isBlank() && !model.busyProperty().get()) {
            history.add(input.getText());
            model.console().runCommand(node.getValue(), input.getText());
            input.clear();
        }
    }

    private boolean running() {
        return model.console().foregroundProperty().get() != null;
    }

    /**
     * As in a shell: ↑ / ↓ (and Ctrl-P / Ctrl-N) go through the commands run before, Ctrl-R searches them,
     * Tab completes the word being typed.
     */
    private void recall(KeyEvent key) {
        // Ctrl-C with nothing selected to copy interrupts the running command, as at a terminal
        if (running()
                && key.isControlDown()
                && key.getCode() == KeyCode.C
                && input.getSelectedText().isEmpty()) {
            model.console().interruptForeground();
            key.consume();
            return;
        }
        if (running()
                && key.isControlDown()
                && key.getCode() == KeyCode.D
                && input.getText().isEmpty()) {
            model.console().endForegroundInput();
            key.consume();
            return;
        }
        if (key.getCode() == KeyCode.TAB) {
            complete();
            key.consume();
            return;
        }
        if (key.isControlDown() && key.getCode() == KeyCode.R) {
            searchBack();
            key.consume();
            return;
        }
        if (searchText != null && !key.getCode().isModifierKey()) {
            endSearch(key.getCode() == KeyCode.ESCAPE);
        }
        hint.setText("");
        boolean back = key.getCode() == KeyCode.UP || key.isControlDown() && key.getCode() == KeyCode.P;
        boolean forward = key.getCode() == KeyCode.DOWN || key.isControlDown() && key.getCode() == KeyCode.N;
        if (back || forward) {
            input.setText(back ? history.previous(input.getText()) : history.next());
            input.end();
            key.consume();
        }
    }

    private void complete() {
        CommandCompletion.Result completed = CommandCompletion.complete(
                input.getText(), model.topology().topologyProperty().get());
        input.setText(completed.text());
        input.end();
        List<String> choices = completed.choices();
        // a line of them at most; the rest are named by typing more
        String shown =
                choices.size() > 24 ? String.join("  ", choices.subList(0, 24)) + "  …" : String.join("  ", choices);
        hint.setText(choices.isEmpty() ? "" : java.text.MessageFormat.format(i18n.lookup("console.choices"), shown));
    }

    private void searchBack() {
        if (searchText == null) {
            searchText = input.getText();
            history.endSearch();
        }
        java.util.Optional<String> found = history.search(searchText);
        found.ifPresent(command -> {
            input.setText(command);
            input.end();
        });
        hint.setText(java.text.MessageFormat.format(
                i18n.lookup(found.isPresent() ? "console.search" : "console.search.none"), searchText));
    }

    /** Any key but Ctrl-R keeps the command found; Esc gives back what was typed before the search. */
    private void endSearch(boolean giveBack) {
        if (giveBack) {
            input.setText(searchText);
            input.end();
        }
        searchText = null;
        history.endSearch();
    }

    private void addTab(BackgroundProcessViewModel process) {
        ListView<String> output = new ListView<>();
        output.getStyleClass().add("console");
        output.setId("output-" + process.name());
        TextField typed = new TextField();
        typed.setId("input-" + process.name());
        HBox.setHgrow(typed, Priority.ALWAYS);
        Button send = new Button();
        send.textProperty().bind(i18n.text("console.send"));
        send.setId("send-" + process.name());
        Button stop = new Button();
        stop.textProperty().bind(i18n.text("console.stop"));
        stop.setId("stop-" + process.name());
        Runnable sendTyped = () -> {
            process.send(typed.getText());
            typed.clear();
        };
        typed.setOnAction(event -> sendTyped.run());
        send.setOnAction(event -> sendTyped.run());
        stop.setOnAction(event -> process.stop());
        typed.disableProperty().bind(process.runningProperty().not());
        send.disableProperty().bind(process.runningProperty().not());
        stop.disableProperty().bind(process.runningProperty().not());
        Label command = new Label(process.command());
        command.getStyleClass().add("command");
        HBox row = new HBox(6, typed, send, stop);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("prompt-row");
        BorderPane content = new BorderPane(output);
        content.setTop(command);
        content.setBottom(row);
        Tab tab = new Tab(process.name(), content);
        tab.setId("tab-" + process.name());
        tab.setUserData(process);
        showWhileSelected(tab, output, process.lines());
        process.runningProperty()
                .addListener((obs, was, running) -> tab.setText(process.name() + (running ? "" : " ■")));
        getTabs().add(tab);
    }

    /**
     * The list shows its lines, the newest in view, while its tab is selected. Behind another tab it holds none:
     * a hidden list is still laid out for every line that arrives (a step's output, tcpdump's packets), and
     * takes them all back, scrolled to the newest, when its tab comes to the front.
     */
    private static <T> void showWhileSelected(Tab tab, ListView<T> view, ObservableList<T> lines) {
        InvalidationListener followNewest = obs -> view.scrollTo(lines.size() - 1);
        ObservableList<T> none = FXCollections.observableArrayList();
        Consumer<Boolean> show = selected -> {
            if (selected) {
                view.setItems(lines);
                // its cells laid out first: scrolled before, the newest is placed by guessed heights, cut off
                view.layout();
                view.scrollTo(lines.size() - 1);
                lines.addListener(followNewest);
            } else {
                lines.removeListener(followNewest);
                view.setItems(none);
            }
        };
        tab.selectedProperty().addListener((obs, was, selected) -> show.accept(selected));
        show.accept(tab.isSelected());
    }

    /** What an entry is, on its cell: {@code :command}, {@code :output}, {@code :note}, {@code :passed}, {@code :failed}. */
    private static final StatePseudoClasses<ConsoleEntry.Kind> ENTRY_KINDS =
            new StatePseudoClasses<>(ConsoleEntry.Kind.class);

    private static final class EntryCell extends ListCell<ConsoleEntry> {
        private final I18n i18n;

        EntryCell(I18n i18n) {
            this.i18n = i18n;
        }

        @Override
        protected void updateItem(ConsoleEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                ENTRY_KINDS.show(this, null);
                setText(null);
                return;
            }
            setText(entry.in(i18n.language()));
            ENTRY_KINDS.show(this, entry.kind());
        }
    }
}

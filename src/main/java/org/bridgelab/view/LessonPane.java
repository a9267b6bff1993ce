package org.bridgelab.view;

import java.util.List;
import javafx.beans.Observable;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.bridgelab.kernel.Diagnosis;
import org.bridgelab.lesson.Action;
import org.bridgelab.lesson.CheckResult;
import org.bridgelab.lesson.Lesson;
import org.bridgelab.lesson.Progress;
import org.bridgelab.lesson.RunReport;
import org.bridgelab.lesson.Text;
import org.bridgelab.words.Phrase;

/**
 * The curriculum as a navigable list (lesson → steps, with progress ticks) and the chosen step: its
 * explanation, its commands, a button to run it, and what the kernel answered to each check.
 */
public final class LessonPane extends VBox {
    private final LabViewModel model;
    private final I18n i18n;
    private final TreeView<Object> tree = new TreeView<>();
    private final Button resume = new Button();
    private final Button forget = new Button();
    private final VBox detail = new VBox(8);
    private final Button run = new Button();
    private final Button previous = new Button();
    private final Button next = new Button();
    private final Button open = new Button();

    public LessonPane(LabViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        createView();
        initListeners();
        tree.getSelectionModel()
                .select(tree.getRoot().getChildren().get(0).getChildren().get(0));
    }

    /** The step selected now, if a step (not a lesson) is selected. */
    public StepRef selectedStep() {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof StepRef ref ? ref : null;
    }

    public void select(Lesson lesson, Lesson.Step step) {
        for (TreeItem<Object> lessonItem : tree.getRoot().getChildren()) {
            for (TreeItem<Object> stepItem : lessonItem.getChildren()) {
                if (stepItem.getValue() instanceof StepRef ref && ref.lesson() == lesson && ref.step() == step) {
                    lessonItem.setExpanded(true);
                    tree.getSelectionModel().select(stepItem);
                    tree.scrollTo(tree.getRow(stepItem));
                }
            }
        }
    }

    public void runSelected() {
        StepRef ref = selectedStep();
        if (ref != null && !model.busyProperty().get()) {
            model.lessons().runStep(ref.lesson(), ref.step());
        }
    }

    /** Moves the selection by one step (across lessons). */
    public void move(int by) {
        List<StepRef> all = tree.getRoot().getChildren().stream()
                .flatMap(item -> item.getChildren().stream())
                .map(item -> (StepRef) item.getValue())
                .toList();
        StepRef current = selectedStep();
        int index = current == null ? -1 : all.indexOf(current);
        int target = Math.max(0, Math.min(all.size() - 1, index + by));
        select(all.get(target).lesson(), all.get(target).step());
    }

    /**
     * Offers a lesson file of one's own too (what File ▸ Open lesson does once a file is chosen) and shows its
     * first step; a file that cannot be used is named, with its field and problem, in a dialog.
     */
    public void open(java.nio.file.Path file) {
        model.lessons().open(file, own -> select(own, own.steps().get(0)), problem -> {
            javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                    javafx.scene.control.Alert.AlertType.ERROR, problem, javafx.scene.control.ButtonType.OK);
            alert.setTitle(i18n.lookup("lessons.open.failed"));
            alert.setHeaderText(i18n.lookup("lessons.open.failed"));
            alert.getDialogPane().setId("lesson-open-failed");
            alert.getDialogPane().setMinWidth(560);
            if (getScene() != null) {
                alert.initOwner(getScene().getWindow());
            }
            alert.show();
        });
    }

    /** Lets the learner choose a lesson file (JSON), then opens it. */
    /**
     * Session ▸ Open session… (plays a bundle back, no lab needed) and Export session… (this lab's session, to
     * hand in or to play in class).
     */
    private javafx.scene.control.MenuButton sessionMenu() {
        javafx.scene.control.MenuItem openSession = new javafx.scene.control.MenuItem();
        openSession.setId("open-session");
        openSession.textProperty().bind(i18n.text("session.open"));
        openSession.setOnAction(event -> chooseSession(false).ifPresent(model::replay));
        javafx.scene.control.MenuItem exportSession = new javafx.scene.control.MenuItem();
        exportSession.setId("export-session");
        exportSession.textProperty().bind(i18n.text("session.export"));
        exportSession.disableProperty().bind(model.connectedProperty().not());
        exportSession.setOnAction(event -> chooseSession(true)
                .ifPresent(file ->
                        model.exportSession(file, done -> model.console().note(done))));
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton();
        menu.setId("session-menu");
        menu.getStyleClass().add("small");
        menu.textProperty().bind(i18n.text("session.menu"));
        menu.getItems().addAll(openSession, exportSession);
        return menu;
    }

    private java.util.Optional<java.nio.file.Path> chooseSession(boolean save) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(i18n.lookup(save ? "session.export" : "session.open"));
        chooser.getExtensionFilters()
                .add(new javafx.stage.FileChooser.ExtensionFilter(i18n.lookup("session.filter"), "*.bridgelab"));
        javafx.stage.Window owner = getScene() == null ? null : getScene().getWindow();
        java.io.File chosen = save ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
        return java.util.Optional.ofNullable(chosen).map(java.io.File::toPath);
    }

    private void chooseLessonFile() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(i18n.lookup("lessons.open.title"));
        java.io.File own = org.bridgelab.lesson.UserLessons.folder().toFile();
        if (own.isDirectory()) {
            chooser.setInitialDirectory(own);
        }
        chooser.getExtensionFilters()
                .add(new javafx.stage.FileChooser.ExtensionFilter(i18n.lookup("lessons.open.filter"), "*.json"));
        java.io.File chosen =
                chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            open(chosen.toPath());
        }
    }

    /** The lessons offered, each with its steps; the first (or the one selected before) open. */
    private void fillTree() {
        StepRef selected = tree.getRoot() == null ? null : selectedStep();
        TreeItem<Object> root = new TreeItem<>("curriculum");
        List<Lesson> lessons = model.lessons().curriculum().lessons();
        for (Lesson lesson : lessons) {
            TreeItem<Object> lessonItem = new TreeItem<>(lesson);
            lesson.steps().forEach(step -> lessonItem.getChildren().add(new TreeItem<>(new StepRef(lesson, step))));
            lessonItem.setExpanded(lesson == lessons.get(0));
            root.getChildren().add(lessonItem);
        }
        tree.setRoot(root);
        if (selected != null && lessons.contains(selected.lesson())) {
            select(selected.lesson(), selected.step());
        }
    }

    private void createView() {
        getStyleClass().add("lesson-pane");
        setSpacing(6);
        tree.setId("lesson-tree");
        fillTree();
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new StepCell());
        tree.setPrefHeight(230);
        tree.setMinHeight(120);

        run.setId("run-step");
        run.getStyleClass().add("accent");
        previous.setId("previous-step");
        next.setId("next-step");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(6, run, spacer, previous, next);
        buttons.setAlignment(Pos.CENTER_LEFT);

        detail.getStyleClass().add("step-detail");
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("step-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label heading = new Label();
        heading.textProperty().bind(i18n.text("lessons.title"));
        heading.getStyleClass().add("pane-heading");
        open.setId("open-lesson");
        open.getStyleClass().add("small");
        open.textProperty().bind(i18n.text("lessons.open"));
        open.setOnAction(event -> chooseLessonFile());
        Region headingSpacer = new Region();
        HBox.setHgrow(headingSpacer, Priority.ALWAYS);
        HBox headingRow = new HBox(6, heading, headingSpacer, sessionMenu(), open);
        headingRow.setAlignment(Pos.CENTER_LEFT);
        resume.setId("resume");
        resume.getStyleClass().add("small");
        forget.setId("forget-progress");
        forget.getStyleClass().add("small");
        resume.managedProperty().bind(resume.visibleProperty());
        forget.managedProperty().bind(forget.visibleProperty());
        HBox progressRow = new HBox(6, resume, forget);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        progressRow.visibleProperty().bind(resume.visibleProperty().or(forget.visibleProperty()));
        getChildren().addAll(headingRow, progressRow, tree, buttons, scroll);
        model.lessons().curriculumProperty().addListener((Observable obs) -> fillTree());
    }

    private void initListeners() {
        run.textProperty().bind(i18n.text("step.run"));
        Tooltip runTip = new Tooltip();
        runTip.textProperty().bind(i18n.text("step.run.tip"));
        run.setTooltip(runTip);
        run.disableProperty()
                .bind(model.busyProperty().or(model.connectedProperty().not()));
        run.setOnAction(event -> runSelected());
        previous.textProperty().bind(i18n.text("step.previous"));
        previous.setOnAction(event -> move(-1));
        next.textProperty().bind(i18n.text("step.next"));
        next.setOnAction(event -> move(1));
        model.replayingProperty().addListener((Observable obs) -> showDetail());
        // a replay shows the step its diagram was recorded after, when the bundle says which and it is known here
        model.replayedStepProperty().addListener((obs, was, recorded) -> {
            if (recorded != null) {
                model.lessons().curriculum().lessons().stream()
                        .filter(lesson -> lesson.id().equals(recorded.lesson()))
                        .findFirst()
                        .ifPresent(lesson -> lesson.steps().stream()
                                .filter(step -> step.id().equals(recorded.step()))
                                .findFirst()
                                .ifPresent(step -> select(lesson, step)));
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((Observable obs) -> {
            showDetail();
            StepRef at = selectedStep();
            if (at != null) {
                model.lessons().progress().at(at.lesson(), at.step());
            }
        });
        initProgress();
        i18n.languageProperty().addListener((Observable obs) -> {
            tree.refresh();
            showDetail();
        });
        model.lessons().stepStates().addListener((MapChangeListener<String, StepState>) change -> {
            tree.refresh();
            StepRef shown = selectedStep();
            if (shown != null && change.getKey().equals(LessonViewModel.key(shown.lesson(), shown.step()))) {
                showDetail();
            }
        });
        model.lessons().stepReports().addListener((MapChangeListener<String, RunReport.StepReport>) change -> {
            StepRef ref = selectedStep();
            if (ref != null && change.getKey().equals(LessonViewModel.key(ref.lesson(), ref.step()))) {
                showDetail();
            }
        });
    }

    private void showDetail() {
        detail.getChildren().clear();
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        if (item == null) {
            return;
        }
        String language = i18n.language();
        if (item.getValue() instanceof Lesson lesson) {
            detail.getChildren()
                    .addAll(
                            styled(new Label(lesson.title().in(language)), "step-title"),
                            prose(lesson.summary().in(language)));
            return;
        }
        StepRef ref = (StepRef) item.getValue();
        Label lessonTitle = styled(new Label(ref.lesson().title().in(language)), "step-lesson");
        Label title = styled(new Label(ref.step().title().in(language)), "step-title");
        title.setId("step-title");
        title.setWrapText(true);
        detail.getChildren().addAll(lessonTitle, title, prose(ref.step().text().in(language)));
        if (ref.lesson().isChallenge()) {
            detail.getChildren().add(challenge(ref.lesson(), language));
        }
        RunReport.StepReport report = model.lessons().stepReports().get(LessonViewModel.key(ref.lesson(), ref.step()));
        if (ref.step().predict() != null) {
            detail.getChildren().add(prediction(ref, report, language));
        }
        detail.getChildren().add(styled(new Label(i18n.lookup("step.commands")), "section-heading"));
        for (Action action : ref.step().actions()) {
            detail.getChildren().add(commandRow(action));
        }
        detail.getChildren().add(styled(new Label(i18n.lookup("step.checks")), "section-heading"));
        if (model.lessons().state(ref.lesson(), ref.step()) == StepState.NO_LONGER_HOLDS) {
            Label undone = styled(new Label(i18n.lookup("step.noLongerHolds")), "check-failed");
            undone.setWrapText(true);
            detail.getChildren().add(undone);
        }
        if (report == null) {
            boolean before = model.lessons().progress().completedBefore(ref.lesson(), ref.step());
            // a replay has no lab to run the step on: the recording is what is shown
            String said =
                    model.replayingProperty().get() ? "step.replaying" : before ? "step.doneBefore" : "step.notrun";
            Label notRun = styled(new Label(i18n.lookup(said)), "hint");
            notRun.setWrapText(true);
            detail.getChildren().add(notRun);
            return;
        }
        // a recording's checks are its own words, written in English when it was made
        boolean recorded = model.replayingProperty().get();
        if (recorded) {
            Label asRecorded = styled(new Label(i18n.lookup("step.recorded")), "hint");
            asRecorded.setId("step-recorded");
            asRecorded.setWrapText(true);
            detail.getChildren().add(asRecorded);
        }
        VBox checks = new VBox(3);
        checks.setId("step-checks");
        // a challenge's goal: the kernel's evidence would give the fault away until the diagnosis is asked for
        boolean evidenceShown = model.lessons().evidenceShown(ref.lesson(), ref.step());
        for (RunReport.ActionReport action : report.actions()) {
            for (CheckResult check : action.checks()) {
                // BridgeLab's words on the evidence go with the check, in the learner's language; the kernel's or
                // the command's own text (a verbatim wording) below it, as it is
                boolean ownText = check.evidence() instanceof Phrase phrase && phrase.isVerbatim();
                String evidence = check.passed() || !evidenceShown
                        ? ""
                        : check.evidence().in(language).replace("\n", "\n    ");
                Label line = new Label((check.passed() ? "✓ " : "✗ ")
                        + check.expected().in(language)
                        + (evidence.isEmpty() || ownText ? "" : "\n    " + evidence));
                line.setWrapText(true);
                checks.getChildren().add(styled(line, check.passed() ? "check-passed" : "check-failed"));
                if (recorded) {
                    line.getStyleClass().add("recorded");
                }
                if (ownText && !evidence.isBlank()) {
                    Label said = styled(new Label("    " + evidence), "check-evidence");
                    said.setWrapText(true);
                    checks.getChildren().add(said);
                }
            }
        }
        detail.getChildren().add(checks);
        if (report.hint() != null) {
            Label hint = styled(
                    new Label(i18n.lookup("step.hint") + " " + report.hint().in(language)), "hint-box");
            hint.setId("step-hint");
            hint.setWrapText(true);
            detail.getChildren().add(hint);
        }
        Diagnosis why = model.lessons().diagnoses().get(LessonViewModel.key(ref.lesson(), ref.step()));
        if (why != null && evidenceShown) {
            Label heading = styled(new Label(i18n.lookup("step.diagnosis")), "section-heading");
            Label diagnosis = styled(new Label(why.explain(language).strip()), "diagnosis");
            diagnosis.setId("step-diagnosis");
            diagnosis.setWrapText(true);
            detail.getChildren().addAll(heading, diagnosis);
        }
    }

    /**
     * A challenge's help: its hints, one more on each request, and its diagnosis, locked until asked for. What
     * was asked for is recorded with the learner's progress (a class report counts it).
     */
    private VBox challenge(Lesson lesson, String language) {
        VBox box = styled(new VBox(4), "challenge");
        box.setId("challenge");
        Progress.Help help = model.lessons().help(lesson);
        List<Text> hints = lesson.challenge().hints();
        for (int i = 0; i < help.hints(); i++) {
            Label hint = styled(
                    new Label(java.text.MessageFormat.format(
                            i18n.lookup("challenge.hint.n"),
                            i + 1,
                            hints.size(),
                            hints.get(i).in(language))),
                    "hint-box");
            hint.setId("challenge-hint-" + (i + 1));
            hint.setWrapText(true);
            box.getChildren().add(hint);
        }
        Button more = new Button(
                help.hints() < hints.size()
                        ? java.text.MessageFormat.format(
                                i18n.lookup("challenge.hint.more"), help.hints() + 1, hints.size())
                        : i18n.lookup("challenge.hint.none"));
        more.setId("challenge-hint");
        more.setDisable(help.hints() >= hints.size());
        more.setOnAction(event -> model.lessons().showHint(lesson));
        Button diagnosis = new Button(i18n.lookup("challenge.diagnosis"));
        diagnosis.setId("challenge-diagnosis");
        diagnosis.setDisable(help.diagnosis());
        diagnosis.setTooltip(new Tooltip(i18n.lookup("challenge.diagnosis.tip")));
        diagnosis.setOnAction(event -> model.lessons().showDiagnosis(lesson));
        HBox buttons = new HBox(6, more, diagnosis);
        box.getChildren().add(buttons);
        if (help.diagnosis()) {
            Label heading = styled(new Label(i18n.lookup("challenge.diagnosis.heading")), "section-heading");
            Label said = styled(new Label(lesson.challenge().diagnosis().in(language)), "diagnosis");
            said.setId("challenge-diagnosis-text");
            said.setWrapText(true);
            box.getChildren().addAll(heading, said);
        }
        return box;
    }

    private String selectedLessonId() {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        if (item == null) {
            return "";
        }
        return item.getValue() instanceof StepRef ref
                ? ref.lesson().id()
                : item.getValue() instanceof Lesson lesson ? lesson.id() : "";
    }

    /**
     * The step's question: choices to pick before running; afterwards the learner's pick, the answer and
     * whether the step's own evidence (its checks on the kernel and the captured packets) confirmed it.
     */
    private VBox prediction(StepRef ref, RunReport.StepReport report, String language) {
        Lesson.Prediction predict = ref.step().predict();
        String key = LessonViewModel.key(ref.lesson(), ref.step());
        VBox box = new VBox(4);
        box.getStyleClass().add("prediction");
        box.setId("step-prediction");
        Label question =
                new Label(i18n.lookup("step.predict") + " " + predict.question().in(language));
        question.setWrapText(true);
        question.getStyleClass().add("prediction-question");
        box.getChildren().add(question);
        String chosen = model.lessons().predictions().get(key);
        if (report == null || report.prediction() == null) {
            ToggleGroup group = new ToggleGroup();
            for (Lesson.Choice choice : predict.choices()) {
                RadioButton option = new RadioButton(choice.text().in(language));
                option.setId("choice-" + choice.id());
                option.setWrapText(true);
                option.setToggleGroup(group);
                option.setSelected(choice.id().equals(chosen));
                option.setOnAction(event -> model.lessons().predictions().put(key, choice.id()));
                box.getChildren().add(option);
            }
            return box;
        }
        RunReport.PredictionReport outcome = report.prediction();
        model.lessons()
                .answered(ref.lesson(), ref.step())
                .ifPresent(answered -> box.getChildren()
                        .add(styled(
                                new Label((answered.right() ? "✓ " : "✗ ") + i18n.lookup("step.predict.yours") + " "
                                        + answered.chosen().text().in(language)),
                                answered.right() ? "check-passed" : "check-failed")));
        Label answer = new Label(i18n.lookup("step.predict.answer") + " "
                + outcome.answerText().in(language) + " — " + outcome.because().in(language));
        answer.setWrapText(true);
        Label evidence =
                new Label(i18n.lookup(outcome.confirmed() ? "step.predict.confirmed" : "step.predict.unconfirmed"));
        evidence.setId("prediction-outcome");
        // whole at every width (it was cut to "… (its checks on the k…" at 1024 px)
        evidence.setWrapText(true);
        box.getChildren().addAll(answer, styled(evidence, outcome.confirmed() ? "check-passed" : "check-failed"));
        return box;
    }

    /** The command as the tutorial writes it, marked with where it runs; a state check, in the window's words. */
    private String commandText(Action action) {
        String words = action.wording().in(i18n.language());
        return action instanceof Action.Run run && !"host".equals(run.node()) ? "[" + run.node() + "] " + words : words;
    }

    private javafx.scene.Node commandRow(Action action) {
        Label text = styled(new Label(commandText(action)), "command");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(6, text);
        row.setAlignment(Pos.CENTER_LEFT);
        if (action instanceof Action.Run run && run.background() == null) {
            Button once = new Button(i18n.lookup("command.run"));
            once.getStyleClass().add("small");
            once.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            once.setTooltip(new Tooltip(i18n.lookup("command.run.tip")));
            once.disableProperty()
                    .bind(model.busyProperty().or(model.connectedProperty().not()));
            once.setOnAction(event -> model.console().runCommand(run.node(), run.text()));
            row.getChildren().add(once);
        }
        if (action instanceof Action.Run run && run.hasModernForm()) {
            Label today = styled(new Label(i18n.lookup("command.modern") + "  " + run.modern()), "modern-command");
            today.setWrapText(true);
            today.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(today, Priority.ALWAYS);
            HBox modernRow = new HBox(6, today);
            modernRow.setAlignment(Pos.CENTER_LEFT);
            if (run.background() == null) {
                Button once = new Button(i18n.lookup("command.run"));
                once.getStyleClass().add("small");
                once.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                once.disableProperty()
                        .bind(model.busyProperty().or(model.connectedProperty().not()));
                once.setOnAction(event -> model.console().runCommand(run.node(), run.modern()));
                modernRow.getChildren().add(once);
            }
            return new VBox(2, row, modernRow);
        }
        return row;
    }

    private static TextFlow prose(String text) {
        TextFlow flow = new TextFlow();
        flow.getChildren().addAll(RichText.of(text));
        flow.getStyleClass().add("prose-flow");
        return flow;
    }

    private static <T extends javafx.scene.Node> T styled(T node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    /**
     * "Continue where you left off" (shown until a step runs in this session): goes to the step the learner
     * was at and runs it, which first rebuilds the lab up to there. "Start over" forgets the saved progress.
     */
    private void initProgress() {
        java.util.Optional<StepRef> saved = model.lessons().progress().resumePoint();
        resume.textProperty().bind(i18n.text("progress.continue"));
        forget.textProperty().bind(i18n.text("progress.forget"));
        Tooltip forgetTip = new Tooltip();
        forgetTip.textProperty().bind(i18n.text("progress.forget.tip"));
        forget.setTooltip(forgetTip);
        resume.setVisible(saved.isPresent());
        resume.disableProperty()
                .bind(model.busyProperty().or(model.connectedProperty().not()));
        resume.setOnAction(event -> saved.ifPresent(ref -> {
            select(ref.lesson(), ref.step());
            resume.setVisible(false);
            model.lessons().runStep(ref.lesson(), ref.step());
        }));
        forget.setVisible(!model.lessons().progress().progressProperty().get().isEmpty());
        forget.setOnAction(event -> {
            model.lessons().progress().forget();
            resume.setVisible(false);
        });
        model.lessons().stepStates().addListener((MapChangeListener<String, StepState>)
                change -> resume.setVisible(false));
        model.lessons().progress().progressProperty().addListener((obs, was, now) -> {
            forget.setVisible(!now.isEmpty());
            tree.refresh();
            if (!was.helpFor(selectedLessonId()).equals(now.helpFor(selectedLessonId()))) {
                // a hint or the diagnosis was asked for
                showDetail();
            }
        });
    }

    /** A step of a lesson, as the tree holds it. */
    public record StepRef(Lesson lesson, Lesson.Step step) {}

    /** A step's state on its cell: {@code :passed}, {@code :failed}, {@code :running}, {@code :no-longer-holds}. */
    private static final StatePseudoClasses<StepState> STEP_STATES = new StatePseudoClasses<>(StepState.class);
    /** Passed in an earlier session, not in this lab. */
    private static final javafx.css.PseudoClass DONE_BEFORE = javafx.css.PseudoClass.getPseudoClass("done-before");

    private final class StepCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            STEP_STATES.show(this, null);
            pseudoClassStateChanged(DONE_BEFORE, false);
            if (empty || item == null) {
                setText(null);
                return;
            }
            String language = i18n.language();
            if (item instanceof Lesson lesson) {
                setText(lesson.id() + "  " + lesson.title().in(language));
                return;
            }
            StepRef ref = (StepRef) item;
            StepState state = model.lessons().state(ref.lesson(), ref.step());
            String mark = switch (state) {
                case PASSED -> "✓";
                case FAILED -> "✗";
                case RUNNING -> "…";
                case NOT_RUN -> "·";
                case NO_LONGER_HOLDS -> "⚠";
            };
            if (state != StepState.NOT_RUN) {
                STEP_STATES.show(this, state);
            } else if (model.lessons().progress().completedBefore(ref.lesson(), ref.step())) {
                // passed in an earlier session, not in this lab: a mark of its own, never this lab's ✓
                mark = "☑";
                pseudoClassStateChanged(DONE_BEFORE, true);
            }
            setText(mark + "  " + ref.step().title().in(language));
        }
    }
}

package org.bridgelab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md, enforced: dependencies point down, the domain never sees JavaFX. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bridgelab");

    @Test
    void domain_packages_do_not_use_javafx() {
        noClasses()
                .that()
                .resideInAnyPackage("..lesson..", "..lab..", "..kernel..", "..capture..", "..witness..", "..session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void words_for_the_learner_sit_below_everything() {
        // Phrase and Wording: every layer words what it says through them, the lab host's description included
        noClasses()
                .that()
                .resideInAPackage("..words..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..lab..",
                        "..lesson..",
                        "..kernel..",
                        "..capture..",
                        "..witness..",
                        "..session..",
                        "..app..",
                        "..view..")
                .check(CLASSES);
    }

    @Test
    void the_lab_knows_nothing_above_it() {
        noClasses()
                .that()
                .resideInAPackage("..lab..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..lesson..", "..kernel..", "..capture..", "..app..", "..view..")
                .check(CLASSES);
    }

    @Test
    void kernel_and_capture_do_not_know_lessons_or_the_app() {
        noClasses()
                .that()
                .resideInAnyPackage("..kernel..", "..capture..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..lesson..", "..app..", "..view..")
                .check(CLASSES);
    }

    @Test
    void the_kernel_knows_nothing_of_capture() {
        // capture reads kernel snapshots to name the lab's nodes (LabNodes); never the other way round
        noClasses()
                .that()
                .resideInAPackage("..kernel..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..capture..")
                .check(CLASSES);
    }

    @Test
    void lessons_do_not_know_the_app_or_the_view() {
        noClasses()
                .that()
                .resideInAPackage("..lesson..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..app..", "..view..")
                .check(CLASSES);
    }

    @Test
    void the_witness_is_below_the_lessons_the_view_and_the_app() {
        // the probe uses the kernel's state, capture's tracer and the lab host; lessons, view and app use it
        noClasses()
                .that()
                .resideInAPackage("..witness..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..lesson..", "..app..", "..view..")
                .check(CLASSES);
    }

    @Test
    void the_lab_session_is_below_the_view_and_the_app_and_above_the_rest() {
        // the window and the command line both run on a LabSession; nothing it uses knows of it
        noClasses()
                .that()
                .resideInAPackage("..session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..app..", "..view..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAnyPackage("..lesson..", "..lab..", "..kernel..", "..capture..", "..witness..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..session..")
                .check(CLASSES);
    }

    @Test
    void the_view_does_not_know_how_commands_run() {
        // the window drives a LabSession and the lessons; the lab host, its processes and results stay below
        noClasses()
                .that()
                .resideInAPackage("..view..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..lab..")
                .check(CLASSES);
    }

    @Test
    void only_the_command_line_writes_to_the_terminal() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..app..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(CLASSES);
    }
}

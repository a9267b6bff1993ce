package org.bridgelab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bridgelab.lab.CommandResult;
import org.bridgelab.lab.ProcessRunner;
import org.bridgelab.testing.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The .deb that {@code mvn -Ppackage} builds, installed into this (CI) system with dpkg -i, checked, run —
 * by root and by an ordinary user without sudo — and purged again with dpkg --purge. Runs only with -Ppackage.
 */
@KernelTest(root = true)
class PackageDebIT {
    private static final ProcessRunner RUNNER = new ProcessRunner();
    private static final String USER = "bridgelab-deb-it";
    private static Path deb;
    private static boolean installedByUs;

    @BeforeAll
    static void install() throws IOException {
        try (Stream<Path> files = Files.list(PackageAppImageIT.DIST)) {
            deb = files.filter(f -> f.getFileName().toString().matches("bridgelab_.*_amd64\\.deb|bridgelab_.*\\.deb"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in target/dist: run mvn -Ppackage package"));
        }
        CommandResult before = run("dpkg-query", "-W", "-f", "${Status}", "bridgelab");
        if (before.stdout().contains("installed")) {
            // On a throw-away CI machine an installed bridgelab can only be what an interrupted run of this test left;
            // anywhere else it is someone's installation, which this test must not replace and remove.
            assertThat(System.getenv("CI"))
                    .as("bridgelab is already installed here; this test would replace and remove it."
                            + " Remove it first: sudo dpkg --purge bridgelab")
                    .isEqualTo("true");
            System.out.println("PackageDebIT: purging a bridgelab left installed by an interrupted run");
            CommandResult purge = run("dpkg", "--purge", "bridgelab");
            assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isZero();
        }
        installedByUs = true;
        CommandResult install = run("dpkg", "-i", deb.toString());
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
    }

    @AfterAll
    static void remove() {
        RUNNER.run(List.of("userdel", "--remove", USER), Duration.ofSeconds(30));
        if (installedByUs) {
            CommandResult removal = run("dpkg", "--purge", "bridgelab");
            assertThat(removal.exitCode())
                    .as(removal.stdout() + removal.stderr())
                    .isZero();
            assertThat(Path.of("/usr/share/applications/bridgelab-BridgeLab.desktop"))
                    .as("left behind by dpkg --purge")
                    .doesNotExist();
            assertThat(Path.of("/opt/bridgelab"))
                    .as("left behind by dpkg --purge")
                    .doesNotExist();
            assertThat(Path.of("/usr/bin/bridgelab"))
                    .as("left behind by dpkg --purge")
                    .doesNotExist();
            assertThat(Files.exists(
                            Path.of("/usr/share/bash-completion/completions/bridgelab"),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .as("completion link left behind by dpkg --purge")
                    .isFalse();
            assertThat(Path.of("/etc/apparmor.d/bridgelab"))
                    .as("left behind by dpkg --purge")
                    .doesNotExist();
            assertThat(run("debconf-show", "bridgelab").stdout())
                    .as("the installer's answer, left behind by dpkg --purge")
                    .isEmpty();
            assertThat(run("dpkg-query", "-W", "-f", "${Status}", "bridgelab").stdout())
                    .as("dpkg's record")
                    .doesNotContain("installed")
                    .doesNotContain("config-files");
        }
    }

    @Test
    void the_deb_is_small_and_declares_the_labs_tools() {
        assertThat(deb.toFile().length()).as("size of " + deb.getFileName()).isLessThan(60L * 1024 * 1024);
        CommandResult depends = run("dpkg-deb", "-f", deb.toString(), "Depends");
        assertThat(depends.stdout())
                .contains(
                        "libgtk-3-0",
                        "iproute2",
                        "iptables",
                        "tcpdump",
                        "util-linux",
                        "iputils-ping",
                        "netcat-openbsd",
                        "uidmap",
                        "fonts-noto-cjk | fonts-wqy-microhei");
    }

    @Test
    void the_installed_files_are_where_the_readme_says() {
        assertThat(Path.of("/opt/bridgelab/bin/BridgeLab")).isExecutable();
        assertThat(Path.of("/usr/bin/bridgelab")).isSymbolicLink().isExecutable();
        // bash completes bridgelab's commands and options, from the script picocli generated at build time
        if (Files.isDirectory(Path.of("/usr/share/bash-completion/completions"))) {
            assertThat(Path.of("/usr/share/bash-completion/completions/bridgelab"))
                    .isSymbolicLink()
                    .content()
                    .contains("complete -F _complete_bridgelab", "--lab-host", "selftest");
        }
        // the menu entry xdg-desktop-menu installs on a desktop; a CI container has no menu, and installs anyway
        assertThat(Path.of("/opt/bridgelab/lib/bridgelab-BridgeLab.desktop"))
                .content()
                .contains("Exec=/opt/bridgelab/bin/BridgeLab")
                .contains("Icon=/opt/bridgelab/lib/BridgeLab.png");
        assertThat(Path.of("/opt/bridgelab/lib/BridgeLab.png")).isRegularFile();
        CommandResult status = run("dpkg-query", "-W", "-f", "${Status}", "bridgelab");
        assertThat(status.stdout()).isEqualTo("install ok installed");
    }

    @Test
    void the_installer_has_its_question_about_the_apparmor_profile_with_its_answer_kept() {
        // asked only where AppArmor restricts user namespaces (not on a CI machine); the question is known anyway,
        // its default given, so that dpkg-reconfigure and preseeding can answer it
        assertThat(run("debconf-show", "bridgelab").stdout()).contains("bridgelab/apparmor-userns: true");
        assertThat(run("dpkg-deb", "-I", deb.toString(), "postrm").stdout()).contains("db_purge");
    }

    @Test
    void the_installed_app_maps_its_classes_from_the_archive_the_installer_made() throws IOException {
        // the class list is recorded at build time under Xvfb, which CI has; the archive is made by postinst
        assertThat(Path.of("/opt/bridgelab/lib/app/bridgelab.classlist")).isNotEmptyFile();
        assertThat(Path.of("/opt/bridgelab/lib/app/bridgelab.jsa")).isNotEmptyFile();
        Path log = Files.createTempFile("bridgelab-class-load", ".log");
        try {
            // -Xshare:on refuses to start unless the archive maps: a stale or misplaced one fails here
            CommandResult version = run(
                    "env",
                    "JAVA_TOOL_OPTIONS=-Xshare:on -Xlog:class+load=info:file=" + log,
                    "/opt/bridgelab/bin/BridgeLab",
                    "--version");
            assertThat(version.exitCode())
                    .as(version.stdout() + version.stderr())
                    .isZero();
            assertThat(Files.readString(log))
                    .contains("org.bridgelab.app.Main source: shared objects file")
                    .contains("picocli.CommandLine source: shared objects file");
        } finally {
            Files.delete(log);
        }
    }

    @Test
    void root_runs_the_selftest_from_the_installed_files() {
        SelftestIT.assertSelftestPassed(
                RUNNER.run(List.of("/opt/bridgelab/bin/BridgeLab", "selftest"), Duration.ofMinutes(5)));
    }

    @Test
    void an_ordinary_user_runs_the_selftest_without_sudo() {
        RUNNER.run(List.of("userdel", "--remove", USER), Duration.ofSeconds(30)); // left by an interrupted run
        CommandResult add = run("useradd", "--create-home", "--shell", "/bin/bash", USER);
        assertThat(add.exitCode()).as(add.stderr()).isZero();

        CommandResult selftest =
                RUNNER.run(List.of("runuser", "-u", USER, "--", "bridgelab", "selftest"), Duration.ofMinutes(5));

        SelftestIT.assertSelftestPassed(selftest);
        assertThat(selftest.stdout()).contains("user namespace of " + USER);
    }

    private static CommandResult run(String... argv) {
        return RUNNER.run(List.of(argv), Duration.ofMinutes(2));
    }
}

package org.bridgelab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bridgelab.lab.RequiredTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips a {@link KernelTest} where the kernel or tools are missing, except in CI, where it fails. */
final class KernelRequirement implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        KernelTest test = context.getRequiredTestClass().getAnnotation(KernelTest.class);
        List<RequiredTool> missing = RequiredTool.missingLocally();
        if (!missing.isEmpty()) {
            unmet(RequiredTool.explain(missing));
        }
        if (test != null && test.root() && !isRoot()) {
            unmet("this test must run as root");
        }
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void unmet(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("kernel test cannot run in CI: " + why);
        }
        Assumptions.abort("kernel test skipped: " + why);
    }
}

package org.bridgelab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Explains, from the kernel's own switches, why an ordinary user may not create a user namespace,
 * and the one command that allows it.
 */
public final class UserNamespaceSupport {
    private final Function<String, Optional<String>> sysctl;

    public UserNamespaceSupport(Function<String, Optional<String>> sysctl) {
        this.sysctl = sysctl;
    }

    /** Reads the switches from /proc/sys of this machine. */
    public static UserNamespaceSupport ofThisMachine() {
        return new UserNamespaceSupport(name -> {
            try {
                return Optional.of(Files.readString(Path.of("/proc/sys", name.replace('.', '/')))
                        .strip());
            } catch (IOException e) {
                // a kernel without this setting: it restricts nothing
                return Optional.empty();
            }
        });
    }

    /** Why unprivileged user namespaces are refused here, or empty if no switch forbids them. */
    public Optional<String> whyForbidden() {
        if (is("kernel.apparmor_restrict_unprivileged_userns", "1")) {
            return Optional.of("""
                    AppArmor forbids unprivileged user namespaces on this system \
                    (kernel.apparmor_restrict_unprivileged_userns = 1, as on Ubuntu 23.10 and later).
                    Allow them until the next reboot with:
                      sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0
                    or install the packaged BridgeLab, whose AppArmor profile allows them for it alone.""");
        }
        if (is("kernel.unprivileged_userns_clone", "0")) {
            return Optional.of("""
                    This kernel forbids unprivileged user namespaces (kernel.unprivileged_userns_clone = 0).
                    Allow them with:
                      sudo sysctl -w kernel.unprivileged_userns_clone=1""");
        }
        if (is("user.max_user_namespaces", "0")) {
            return Optional.of("""
                    This system allows no user namespaces at all (user.max_user_namespaces = 0).
                    Allow them with:
                      sudo sysctl -w user.max_user_namespaces=15000""");
        }
        return Optional.empty();
    }

    private boolean is(String name, String value) {
        return sysctl.apply(name).map(value::equals).orElse(false);
    }
}

package org.bridgelab.lab;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/** The programs the lab needs, each with the Debian/Ubuntu package that provides it. */
public enum RequiredTool {
    IP("ip", "iproute2"),
    BRIDGE("bridge", "iproute2"),
    SS("ss", "iproute2"),
    IPTABLES("iptables", "iptables"),
    IPTABLES_SAVE("iptables-save", "iptables"),
    /** Live rule changes for the kernel monitor. */
    XTABLES_MONITOR("xtables-monitor", "iptables"),
    /** The connection-tracking table of the snapshot (NAT's implicit reverse rule). */
    CONNTRACK("conntrack", "conntrack"),
    /** Line-buffers the monitors whose stdout is a pipe. */
    STDBUF("stdbuf", "coreutils"),
    TCPDUMP("tcpdump", "tcpdump"),
    PING("ping", "iputils-ping"),
    NC("nc", "netcat-openbsd"),
    TELNET("telnet", "telnet"),
    UNSHARE("unshare", "util-linux"),
    NSENTER("nsenter", "util-linux"),
    SYSCTL("sysctl", "procps"),
    BRCTL("brctl", "bridge-utils"),
    ROUTE("route", "net-tools");

    private final String command;
    private final String debianPackage;

    RequiredTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    public String command() {
        return command;
    }

    public String debianPackage() {
        return debianPackage;
    }

    /** The lab's programs that a Debian/Ubuntu package provides; empty for a package the lab does not use. */
    public static List<RequiredTool> fromPackage(String debianPackage) {
        return Arrays.stream(values())
                .filter(tool -> tool.debianPackage.equals(debianPackage))
                .toList();
    }

    /** The tools not found on this machine's PATH (plus the sbin directories sudo would search). */
    public static List<RequiredTool> missingLocally() {
        return Arrays.stream(values()).filter(tool -> !onPath(tool.command)).toList();
    }

    /** A message naming each missing tool and the one apt command that installs them all. */
    public static String explain(List<RequiredTool> missing) {
        StringBuilder text = new StringBuilder("The lab needs programs that are not installed:\n");
        missing.forEach(tool -> text.append("  ")
                .append(tool.command)
                .append("  (package ")
                .append(tool.debianPackage)
                .append(")\n"));
        text.append("Install them with:\n  sudo apt-get install ")
                .append(String.join(
                        " ",
                        missing.stream()
                                .map(RequiredTool::debianPackage)
                                .distinct()
                                .toList()));
        return text.toString();
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return Arrays.stream(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> new File(dir, command).canExecute());
    }
}

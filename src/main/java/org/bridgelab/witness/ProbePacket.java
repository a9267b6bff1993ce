package org.bridgelab.witness;

import java.util.List;

/**
 * The packet a learner's own command would send to ask "does A reach B[:port]": an ICMP echo request (ping)
 * or a TCP SYN (nc -z), marked so that only it and its answer are traced. The echo is 1 200 bytes long, a
 * length nothing else in the lab sends (its reply has the same length); the SYN leaves from a source port
 * chosen for it, which its answer comes back to. NAT keeps both marks: it rewrites addresses, and a port only
 * when two connections would clash.
 */
public record ProbePacket(String from, String to, Integer port, int sourcePort) {
    static final int ECHO_LENGTH = 1200;
    private static final int IP_AND_ICMP_HEADERS = 28;
    /** How long the sender waits for an answer, in seconds. */
    static final int WAIT_SECONDS = 2;

    public boolean isTcp() {
        return port != null;
    }

    /** The sender's argv, run in {@link #from}. */
    public List<String> sender() {
        String wait = Integer.toString(WAIT_SECONDS);
        return isTcp()
                ? List.of("nc", "-v", "-n", "-z", "-w", wait, "-p", Integer.toString(sourcePort), to, port.toString())
                : List.of(
                        "ping",
                        "-n",
                        "-c",
                        "1",
                        "-W",
                        wait,
                        "-s",
                        Integer.toString(ECHO_LENGTH - IP_AND_ICMP_HEADERS),
                        to);
    }

    /** The iptables match of the TRACE rules: the probe and its answer, nothing else. */
    public List<String> traceMatch() {
        return isTcp()
                ? List.of("-p", "tcp", "-m", "multiport", "--ports", Integer.toString(sourcePort))
                : List.of("-p", "icmp", "-m", "length", "--length", Integer.toString(ECHO_LENGTH));
    }

    /** The part of the TRACE rule, as the kernel prints it back, that says a traced packet is this probe's. */
    public String mark() {
        return isTcp() ? "--ports " + sourcePort : "--length " + ECHO_LENGTH;
    }

    /** "ping -n -c 1 -W 2 -s 1172 198.51.100.10 in docker0". */
    public String describe() {
        return String.join(" ", sender()) + " in " + from;
    }
}

package org.bridgelab.lab;

/** Receives a running command's output line by line, on the thread that pumps it. */
@FunctionalInterface
public interface OutputListener {
    enum Stream {
        STDOUT,
        STDERR
    }

    void line(Stream stream, String line);

    OutputListener IGNORE = (stream, line) -> {};
}

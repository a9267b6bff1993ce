package org.bridgelab.capture;

/** A capture or trace could not start or broke; the message carries the tool's own words. */
public final class CaptureException extends RuntimeException {
    public CaptureException(String message) {
        super(message);
    }
}

package org.bridgelab.lab;

/** A lab host could not do what was asked; the message is meant for the learner. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}

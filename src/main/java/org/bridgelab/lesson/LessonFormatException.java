package org.bridgelab.lesson;

/** A lesson file that cannot be used, with the file, the place in it and the field that is wrong. */
public final class LessonFormatException extends RuntimeException {
    private final String file;

    public LessonFormatException(String file, String where, String problem) {
        super(file + ": " + (where.isEmpty() ? "" : where + ": ") + problem);
        this.file = file;
    }

    public String file() {
        return file;
    }
}

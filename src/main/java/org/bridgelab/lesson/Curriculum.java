package org.bridgelab.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The lessons in teaching order, and which ones a chosen lesson builds on. */
public final class Curriculum {
    private static final String BUNDLED_INDEX = "lessons/curriculum.json";

    private final Map<String, Lesson> lessons = new LinkedHashMap<>();

    private Curriculum(List<Lesson> ordered) {
        for (Lesson lesson : ordered) {
            if (lessons.putIfAbsent(lesson.id(), lesson) != null) {
                throw new LessonFormatException(
                        lesson.source(),
                        "field \"id\"",
                        "another lesson already has the id \"" + lesson.id() + "\" ("
                                + lessons.get(lesson.id()).source() + ")");
            }
        }
        for (Lesson lesson : ordered) {
            for (String required : lesson.requires()) {
                if (!lessons.containsKey(required)) {
                    throw new LessonFormatException(
                            lesson.source(),
                            "field \"requires\"",
                            "no lesson has the id \"" + required + "\" (known: " + String.join(", ", lessons.keySet())
                                    + ")");
                }
            }
        }
    }

    /** The curriculum shipped with BridgeLab (lessons/ in the repository, inside the jar). */
    public static Curriculum bundled() {
        String index = resource(BUNDLED_INDEX);
        LessonDto.CurriculumDto dto = LessonReader.parse(BUNDLED_INDEX, index, LessonDto.CurriculumDto.class);
        List<Lesson> lessons = new ArrayList<>();
        for (String file : dto.lessons()) {
            lessons.add(LessonReader.read("lessons/" + file, resource("lessons/" + file)));
        }
        return new Curriculum(lessons);
    }

    /** The bundled curriculum plus a lesson file from anywhere (which may build on bundled lessons). */
    public Curriculum with(Path lessonFile) {
        String json;
        try {
            json = utf8(lessonFile.toString(), Files.readAllBytes(lessonFile));
        } catch (IOException e) {
            throw new LessonFormatException(lessonFile.toString(), "", "cannot read the file: " + e.getMessage());
        }
        Lesson extra = LessonReader.read(lessonFile.toString(), json);
        List<Lesson> all = new ArrayList<>(lessons.values());
        all.removeIf(lesson -> lesson.id().equals(extra.id()));
        all.add(extra);
        return new Curriculum(all);
    }

    /**
     * The file's text: UTF-8, strictly, so that a stray byte is named rather than read as "Input length = 1";
     * a byte-order mark, which some editors write, is skipped.
     */
    static String utf8(String source, byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new LessonFormatException(
                    source,
                    "line " + line + " (byte " + (in.position() + 1) + " of the file)",
                    "not UTF-8 text (save the file as UTF-8)");
        }
    }

    /**
     * The lessons played on this many hosts of their own, with the same hosts as the first such (the overlay's
     * hosta and hostb): what a lab of as many lab hosts can run. Empty when none is.
     */
    public Curriculum withHosts(int count) {
        List<Lesson> played = lessons.values().stream()
                .filter(lesson ->
                        lesson.hosts().size() == count && lesson.requires().isEmpty())
                .toList();
        if (played.isEmpty()) {
            return new Curriculum(List.of());
        }
        return new Curriculum(played.stream()
                .filter(lesson -> lesson.hosts().equals(played.get(0).hosts()))
                .toList());
    }

    public List<Lesson> lessons() {
        return List.copyOf(lessons.values());
    }

    public Lesson lesson(String id) {
        Lesson lesson = lessons.get(id);
        if (lesson == null) {
            throw new IllegalArgumentException(
                    "no lesson \"" + id + "\" (known: " + String.join(", ", lessons.keySet()) + ")");
        }
        return lesson;
    }

    /** The chosen lessons, each preceded by the lessons it builds on, each once, in teaching order. */
    public List<Lesson> withPrerequisites(List<String> ids) {
        Set<String> wanted = new LinkedHashSet<>();
        ids.forEach(id -> addWithRequirements(lesson(id), wanted, new LinkedHashSet<>()));
        return lessons.values().stream()
                .filter(lesson -> wanted.contains(lesson.id()))
                .toList();
    }

    private void addWithRequirements(Lesson lesson, Set<String> wanted, Set<String> visiting) {
        if (!visiting.add(lesson.id())) {
            throw new LessonFormatException(
                    lesson.source(),
                    "field \"requires\"",
                    "lessons require each other in a circle: " + String.join(" → ", visiting) + " → " + lesson.id());
        }
        lesson.requires().forEach(required -> addWithRequirements(lesson(required), wanted, visiting));
        visiting.remove(lesson.id());
        wanted.add(lesson.id());
    }

    /** The text of the file a lesson was read from: a bundled lesson's resource, or a file of the learner's. */
    public static String sourceText(Lesson lesson) throws IOException {
        if (lesson.source().startsWith("lessons/")
                && Curriculum.class.getClassLoader().getResource(lesson.source()) != null) {
            return resource(lesson.source());
        }
        return java.nio.file.Files.readString(java.nio.file.Path.of(lesson.source()));
    }

    private static String resource(String name) {
        try (InputStream in = Curriculum.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Resource not found: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Resource not readable: " + name, e);
        }
    }
}

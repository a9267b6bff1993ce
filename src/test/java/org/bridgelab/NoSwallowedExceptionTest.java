package org.bridgelab;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No exception disappears without a trace: every catch block of the product surfaces what it caught (uses it:
 * rethrown, wrapped, shown, returned as a message), throws, logs, sets an interrupt again, or says in a comment
 * why dropping it is right ("the reader has stopped waiting"). Read from the sources, since compiled classes
 * do not keep what a handler does.
 */
class NoSwallowedExceptionTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void every_catch_block_surfaces_logs_rethrows_or_says_why_it_may_drop() throws IOException {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        List<String> swallowed = new ArrayList<>();
        int blocks = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                CompilationUnit unit = StaticJavaParser.parse(file);
                for (CatchClause clause : unit.findAll(CatchClause.class)) {
                    blocks++;
                    if (!accountsFor(clause)) {
                        swallowed.add(SOURCES.relativize(file) + ":"
                                + clause.getBegin().map(at -> at.line).orElse(0) + " catch (" + clause.getParameter()
                                + ")");
                    }
                }
            }
        }

        assertThat(blocks).as("catch blocks read").isGreaterThan(50);
        assertThat(swallowed)
                .as("catch blocks that drop what they caught without a word")
                .isEmpty();
    }

    @Test
    void a_block_that_drops_its_exception_in_silence_is_found() {
        CatchClause silent = StaticJavaParser.parseBlock(
                        "{ try { run(); } catch (IllegalStateException e) { done = true; } }")
                .findFirst(CatchClause.class)
                .orElseThrow();
        CatchClause explained = StaticJavaParser.parseBlock(
                        "{ try { run(); } catch (InterruptedException e) { /* the reader stopped waiting */ } }")
                .findFirst(CatchClause.class)
                .orElseThrow();

        assertThat(accountsFor(silent)).isFalse();
        assertThat(accountsFor(explained)).isTrue();
    }

    private static boolean accountsFor(CatchClause clause) {
        String name = clause.getParameter().getNameAsString();
        boolean usesIt = clause.getBody().findAll(NameExpr.class).stream()
                .anyMatch(use -> use.getNameAsString().equals(name));
        boolean throwsOn = !clause.getBody().findAll(ThrowStmt.class).isEmpty();
        List<String> calls = clause.getBody().findAll(MethodCallExpr.class).stream()
                .map(call -> call.getScope().map(Object::toString).orElse("") + "." + call.getNameAsString())
                .toList();
        boolean logs = calls.stream().anyMatch(call -> call.startsWith("LOG."));
        // an interrupt is passed on by setting the thread's flag again for whoever waits next
        boolean reinterrupts = calls.contains("Thread.currentThread().interrupt");
        boolean saysWhy = !clause.getBody().getAllContainedComments().isEmpty()
                || clause.getBody().getOrphanComments().size() > 0;
        return usesIt || throwsOn || logs || reinterrupts || saysWhy;
    }
}

package io.gradwatch.sink;

import org.slf4j.Logger;

import java.io.PrintStream;

/**
 * The lines a user must see (the page's URL, verdicts) reach the terminal whatever the logging setup: through
 * the logger when it shows the level, else once on standard error. Logging can hide them in several ways:
 * no SLF4J backend (SLF4J's no-operation logger), a backend configured above the level, or {@code mvn -q
 * exec:java} (Maven's own backend at ERROR level).
 */
public final class Terminal {

    private Terminal() {
    }

    /** {@code line} at INFO, or on standard error when {@code log} does not show INFO. */
    public static void info(Logger log, String line) {
        info(log, line, System.err);
    }

    /** {@code line} at WARN, or on standard error when {@code log} does not show WARN. */
    public static void warn(Logger log, String line) {
        warn(log, line, System.err);
    }

    static void info(Logger log, String line, PrintStream fallback) {
        if (log.isInfoEnabled()) {
            log.info(line);
        } else {
            fallback.println(prefixed(line));
        }
    }

    static void warn(Logger log, String line, PrintStream fallback) {
        if (log.isWarnEnabled()) {
            log.warn(line);
        } else {
            fallback.println(prefixed(line));
        }
    }

    /** Without a logger's name in front, a line says where it comes from. */
    private static String prefixed(String line) {
        return line.startsWith("gradwatch") ? line : "gradwatch: " + line;
    }
}

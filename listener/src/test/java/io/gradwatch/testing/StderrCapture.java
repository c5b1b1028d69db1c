package io.gradwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.err} from {@link #start()} until {@link #close()}, from every thread:
 * slf4j-simple (the tests' logging backend) looks up {@code System.err} at each line it writes.
 */
public final class StderrCapture implements AutoCloseable {

    private final PrintStream previous;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private StderrCapture() {
        previous = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    public static StderrCapture start() {
        return new StderrCapture();
    }

    /** Everything written so far. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** How many times {@code fragment} occurs in what was written so far. */
    public int count(String fragment) {
        return text().split(java.util.regex.Pattern.quote(fragment), -1).length - 1;
    }

    /** The standard error this capture replaced. */
    public PrintStream previous() {
        return previous;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(previous);
    }
}

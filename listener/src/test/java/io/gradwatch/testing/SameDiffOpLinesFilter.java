package io.gradwatch.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps one line of SameDiff's out of the test output: ND4J 1.0.0-M2.1's {@code SameDiff.createGradFunction()}
 * prints "Added differentiated op NAME" to System.out for every op, unconditionally (a println, not a logger,
 * so no logging configuration can quiet it): about 300 lines per suite. Registered through
 * META-INF/services for every test JVM with the listener's test classes on its classpath; every other line
 * passes through unchanged.
 */
public final class SameDiffOpLinesFilter implements TestExecutionListener {

    static final String PREFIX = "Added differentiated op ";

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!(System.out instanceof Filtered)) {
            System.setOut(new Filtered(System.out));
        }
    }

    /** System.out without SameDiff's per-op lines. */
    static final class Filtered extends PrintStream {
        Filtered(PrintStream target) {
            super(new LineFilter(target), true, StandardCharsets.UTF_8);
        }
    }

    /** Buffers one line at a time; drops it if it starts with {@link #PREFIX}. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public synchronized void flush() {
            // a partial line (a progress bar, a prompt) goes out as it is: only whole lines can be SameDiff's
            if (line.size() > 0 && !line.toString(StandardCharsets.UTF_8).startsWith(PREFIX)) {
                flushLine();
            }
            target.flush();
        }

        private void flushLine() {
            if (!line.toString(StandardCharsets.UTF_8).startsWith(PREFIX)) {
                target.write(line.toByteArray(), 0, line.size());
            }
            line.reset();
        }
    }
}

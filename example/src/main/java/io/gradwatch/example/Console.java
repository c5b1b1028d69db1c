package io.gradwatch.example;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The example's terminal output: whole lines, and one progress bar per epoch that stays on the last
 * line. Lines come from the training thread and from gradwatch's analysis thread, so every method
 * is synchronized; a line printed while a bar is shown erases the bar and redraws it below.
 *
 * <p>On a terminal the bar is redrawn in place (at most every 100 ms); elsewhere (CI logs, pipes)
 * it prints one line at each quarter of the epoch.
 */
final class Console {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private String label;
    private int total;
    private int done;
    private double loss = Double.NaN;
    private long startNanos;
    private long lastDrawNanos;
    private int lastQuarter;
    private boolean barShown;

    Console(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Standard output; a redrawn bar only if it is a terminal. There, standard error (gradwatch's log lines, its
     * verdicts) goes through {@link #linesAbove(PrintStream)} too, so a log line never lands on the bar's line.
     */
    static Console system() {
        Console console = new Console(System.out, System.console() != null);
        if (console.interactive) {
            System.setErr(console.linesAbove(System.err));
        }
        return console;
    }

    /** A stream to {@code target} whose writes first erase the bar, which is redrawn after each complete line. */
    PrintStream linesAbove(PrintStream target) {
        return new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (Console.this) {
                    eraseBar();
                    out.flush();
                    target.write(b, off, len);
                    target.flush();
                    if (len > 0 && b[off + len - 1] == '\n') {
                        drawBar();
                    }
                }
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    synchronized void line(String text) {
        eraseBar();
        out.println(text);
        drawBar();
    }

    /** Starts a bar for {@code total} steps labelled {@code label}. */
    synchronized void startBar(String label, int total) {
        eraseBar();
        this.label = label;
        this.total = Math.max(total, 1);
        this.done = 0;
        this.loss = Double.NaN;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        this.lastQuarter = 0;
        drawBar();
    }

    /** One step done, with the minibatch's loss. */
    synchronized void step(double stepLoss) {
        if (label == null) {
            return;
        }
        done++;
        loss = stepLoss;
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDrawNanos > 100_000_000L || done == total) {
                eraseBar();
                drawBar();
            }
        } else {
            int quarter = (int) (4L * done / total);
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                out.println(render());
            }
        }
    }

    /** Ends the bar, leaving its final state on screen. */
    synchronized void endBar() {
        if (label != null && interactive) {
            eraseBar();
            out.println(render());
        }
        label = null;
        barShown = false;
    }

    private void drawBar() {
        if (label != null && interactive) {
            out.print(render());
            out.flush();
            barShown = true;
            lastDrawNanos = System.nanoTime();
        }
    }

    private void eraseBar() {
        if (barShown) {
            out.print("\r\033[2K");
            barShown = false;
        }
    }

    private String render() {
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String bar = String.format(Locale.ROOT, "%s [%s%s] %d/%d batches  %.1fs", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, seconds);
        if (done == 0) {
            return bar;
        }
        String perBatch = String.format(Locale.ROOT, "  %.1f ms/batch", 1000 * seconds / done);
        return Double.isNaN(loss) ? bar + perBatch : bar + perBatch + String.format(Locale.ROOT, "  loss %.4f", loss);
    }
}

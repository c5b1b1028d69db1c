package io.gradwatch.tensorboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark (a program, not a test) of the TensorBoard writer: events per second and MB per second
 * through a run directory's {@link SummaryWriter}, from the first call to the end of close()
 * (everything handed to the OS), for one-scalar events and for 120-bucket histograms (the size of a
 * gradwatch histogram). Run from the repository root with one OpenMP thread:
 *
 * <pre>
 * OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.tensorboard.WriterThroughputBenchmark
 * </pre>
 */
public final class WriterThroughputBenchmark {

    private WriterThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path tmp = Files.createTempDirectory("gradwatch-tb-writer-bench");
        for (int rep = 0; rep < 2; rep++) { // the first repetition warms the JIT up
            int n = 500_000;
            long start = System.nanoTime();
            SummaryWriter w = SummaryWriter.builder(tmp.resolve("scalars-" + rep)).maxQueuedEvents(n + 1)
                    .closeOnShutdown(false).build();
            for (int i = 0; i < n; i++) {
                Writes.scalar(w, "gradients/layer3/W/rms", i, 1e-6 * i);
            }
            w.close();
            print(rep, "scalar events", w.stats(), System.nanoTime() - start);

            int h = 5_000;
            start = System.nanoTime();
            w = SummaryWriter.builder(tmp.resolve("histograms-" + rep)).closeOnShutdown(false).build();
            for (int i = 0; i < h; i++) {
                Writes.histogram(w, "gradients/layer0/W", i, 120);
            }
            w.close();
            print(rep, "histogram events (120 buckets, encoded on the caller)", w.stats(), System.nanoTime() - start);
        }
    }

    private static void print(int rep, String what, WriterStats s, long nanos) {
        if (rep == 0) {
            return;
        }
        double secs = nanos / 1e9;
        System.out.printf(Locale.ROOT, "writer: %-60s %,d events in %.2f s: %,.0f events/s, %.1f MB/s "
                        + "(%,d bytes, dropped %d, failures %d)%n", what, s.writtenEvents(), secs,
                s.writtenEvents() / secs, s.writtenBytes() / secs / 1e6, s.writtenBytes(), s.droppedEvents(),
                s.writeFailures());
    }
}

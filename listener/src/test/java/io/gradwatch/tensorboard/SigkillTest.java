package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3: a writing JVM killed with SIGKILL leaves a file that reads back strictly, with everything
 * up to its last flush. A torn final record (an incomplete tail) is tolerated; a bad CRC is not.
 */
class SigkillTest {

    @TempDir
    Path dir;

    @Test
    void whenTheWritingJvmIsKilled_everythingFlushedReadsBack_andNothingIsCorrupted() throws Exception {
        int flushed = 300;
        List<String> cmd = new ArrayList<>(List.of(TfInterop.javaExecutable(), "-Xmx256m", "-cp",
                String.join(java.io.File.pathSeparator, TfInterop.testClasspath()),
                KillTargetMain.class.getName(), dir.toString(), Integer.toString(flushed)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine(); // blocks until the child has flushed (or died)
            assertEquals("flushed " + (flushed - 1), line);
            // let it write (and spill) unflushed records, then kill it in the middle of that
            long written = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (written < 4L << 20 && child.isAlive() && System.nanoTime() < deadline) {
                written = SummaryWriterTest.onlyEventsFile(dir).toFile().length();
                Thread.onSpinWait();
            }
            assertTrue(child.isAlive() && written >= 4L << 20, "the child kept writing after its flush");
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        StrictEventReader.Result r = StrictEventReader.read(SummaryWriterTest.onlyEventsFile(dir), true);
        Map<Long, Float> x = r.scalars().get("x");
        for (long step = 0; step < flushed; step++) {
            assertEquals((float) step, x.get(step), "flushed step " + step);
        }
        assertTrue(r.histograms().get("h").keySet().containsAll(
                java.util.stream.LongStream.range(0, flushed).boxed().toList()));
        assertTrue(x.size() > flushed, "records spilled after the flush are readable too");
    }

    @Test
    void whenTheJvmExitsWithoutClose_theShutdownHookFlushesEverything() throws Exception {
        int steps = 200;
        List<String> cmd = new ArrayList<>(List.of(TfInterop.javaExecutable(), "-Xmx256m", "-cp",
                String.join(java.io.File.pathSeparator, TfInterop.testClasspath()),
                KillTargetMain.class.getName(), dir.toString(), Integer.toString(steps), "exit"));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        StrictEventReader.Result r = StrictEventReader.read(SummaryWriterTest.onlyEventsFile(dir));
        assertEquals(steps, r.scalars().get("x").size());
        assertEquals(steps, r.histograms().get("h").size());
    }
}

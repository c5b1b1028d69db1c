package io.gradwatch.recovery;

import io.gradwatch.GradWatch;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.ReferenceMlp;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

import static io.gradwatch.recovery.Batches.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23's table on the reference MLP (784-512-256-128-64-32-16-10, relu, Xavier-style init,
 * Nesterovs(0.1, 0.9), l2 1e-5, batch 128), 400 iterations of MNIST, the data corrupted at iteration 200:
 * test accuracy without and with recover(). Prints the table docs/recovery.md quotes. About a minute.
 */
@ExpectedErrorOutput("the WARN lines of each recovery action and the halt")
class ReferenceMlpRecoveryTest {

    private static final int ITERATIONS = 400;
    private static final int AT = 200;
    private static List<DataSet> train;
    private static DataSet test;

    @BeforeAll
    static void loadMnist() throws IOException {
        train = new ArrayList<>();
        MnistDataSetIterator it = new MnistDataSetIterator(128, 128 * ITERATIONS, false, true, true, 12345);
        while (it.hasNext()) {
            train.add(it.next());
        }
        test = new MnistDataSetIterator(10_000, 10_000, false, false, false, 1).next();
    }

    record Outcome(double accuracy, boolean finite, List<RecoveryEvent> events, MultiLayerNetwork net) {
    }

    @Test
    void corruptedBatches_withRecover_endNearTheCleanRun() {
        Outcome clean = run(false, i -> false, d -> d);
        Outcome cleanRecovered = run(true, i -> false, d -> d);
        assertBitIdentical(clean.net().params(), cleanRecovered.net().params(), "clean run with recover()");
        assertEquals(List.of(), cleanRecovered.events(), "no event on a clean run");

        UnaryOperator<DataSet> scaled = Batches::scaled;
        UnaryOperator<DataSet> nanPixel = Batches::withNaN;
        IntPredicate one = i -> i == AT;
        IntPredicate ten = i -> i >= AT && i < AT + 10;
        List<String> rows = new ArrayList<>();
        rows.add(row("nothing (clean run)", clean, cleanRecovered));
        Outcome[] scaledRuns = {run(false, one, scaled), run(true, one, scaled)};
        rows.add(row("one batch's pixels x 1e4", scaledRuns[0], scaledRuns[1]));
        Outcome[] nanRuns = {run(false, one, nanPixel), run(true, one, nanPixel)};
        rows.add(row("one NaN pixel in one batch", nanRuns[0], nanRuns[1]));
        Outcome[] tenRuns = {run(false, ten, scaled), run(true, ten, scaled)};
        rows.add(row("ten consecutive batches x 1e4", tenRuns[0], tenRuns[1]));
        System.out.println("reference MLP, 400 iterations, corruption at iteration 200 | without recover() | with recover()\n"
                + String.join("\n", rows));

        for (Outcome[] pair : List.of(scaledRuns, nanRuns)) {
            assertTrue(Math.abs(pair[1].accuracy() - clean.accuracy()) <= 0.02, "within 0.02 of clean: " + rows);
            assertFalse(pair[1].events().isEmpty());
        }
        assertTrue(Math.abs(tenRuns[1].accuracy() - clean.accuracy()) <= 0.03, "within 0.03 of clean: " + rows);
    }

    @Test
    void everyBatchCorruptFromIteration100_haltsBeforeIteration300() {
        MultiLayerNetwork net = ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU, 42);
        GradWatchListener gw = GradWatch.builder().recover().build();
        net.addListeners(gw);
        int[] fed = {0};
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                fed[0] = i;
                net.fit(i >= 100 ? Batches.scaled(train.get(i)) : train.get(i));
            }
        });
        gw.close();
        System.out.println("every batch x 1e4 from iteration 100: halted at batch " + fed[0] + " (iteration "
                + e.iteration() + "), model at iteration " + e.checkpointIteration() + ", test accuracy "
                + accuracy(net));
        assertTrue(fed[0] < 300, "halted by iteration 300: " + fed[0]);
        assertTrue(e.checkpointIteration() <= 100);
        assertFalse(net.params().isNaN().any(), "the model holds the healthy state");
    }

    private static Outcome run(boolean recover, IntPredicate corrupt, UnaryOperator<DataSet> how) {
        MultiLayerNetwork net = ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU, 42);
        GradWatchListener gw = recover ? GradWatch.builder().recover().build() : null;
        if (gw != null) {
            net.addListeners(gw);
        }
        for (int i = 0; i < ITERATIONS; i++) {
            net.fit(corrupt.test(i) ? how.apply(train.get(i)) : train.get(i));
        }
        if (gw != null) {
            gw.close();
        }
        boolean finite = !(net.params().isNaN().any() || net.params().isInfinite().any());
        return new Outcome(accuracy(net), finite, gw == null ? List.of() : gw.recoveries(), net);
    }

    /**
     * Test accuracy, counted here because DL4J's Evaluation refuses NaN predictions: a NaN model's argmax is
     * class 0 (no NaN compares greater), which is what such a model "predicts".
     */
    private static double accuracy(MultiLayerNetwork net) {
        float[][] out = net.output(test.getFeatures()).toFloatMatrix();
        float[][] labels = test.getLabels().toFloatMatrix();
        int correct = 0;
        for (int i = 0; i < out.length; i++) {
            correct += argmax(out[i]) == argmax(labels[i]) ? 1 : 0;
        }
        return correct / (double) out.length;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private static String row(String what, Outcome without, Outcome with) {
        return String.format(Locale.ROOT, "| %s | %.3f (%s) | %.3f (%s; %s) |", what, without.accuracy(),
                without.finite() ? "finite" : "NaN", with.accuracy(), with.finite() ? "finite" : "NaN",
                with.events().isEmpty() ? "no event" : summary(with.events()));
    }

    private static String summary(List<RecoveryEvent> events) {
        long skipped = events.stream().filter(e -> e.action() == RecoveryEvent.Action.SKIPPED).count();
        long rolled = events.stream().filter(e -> e.action() == RecoveryEvent.Action.ROLLED_BACK).count();
        return skipped + " skipped" + (rolled > 0 ? ", " + rolled + " rolled back" : "");
    }
}

package io.gradwatch.recovery;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Distinct seeded batches for the small test networks, ways to corrupt one, and exact comparisons. */
final class Batches {

    private Batches() {
    }

    /** {@code count} batches of 32 examples with 12 features in [0, 1) and labels from a fixed linear rule. */
    static List<DataSet> of(long seed, int count) {
        Nd4j.getRandom().setSeed(seed);
        INDArray w = Nd4j.rand(DataType.FLOAT, 12, 3).subi(0.5);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 32, 12);
            INDArray scores = x.mmul(w);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
            for (int i = 0; i < 32; i++) {
                y.putScalar(i, scores.getRow(i).argMax().getInt(0), 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** The batch with every feature times 1e4 (a bad normalisation). */
    static DataSet scaled(DataSet d) {
        return new DataSet(d.getFeatures().mul(1e4), d.getLabels().dup());
    }

    /** The batch with one NaN feature. */
    static DataSet withNaN(DataSet d) {
        DataSet c = d.copy();
        c.getFeatures().putScalar(3, Float.NaN);
        return c;
    }

    static void fit(Model model, DataSet d) {
        if (model instanceof MultiLayerNetwork n) {
            n.fit(d);
        } else {
            ((ComputationGraph) model).fit(d);
        }
    }

    static INDArray updaterState(Model model) {
        return model instanceof MultiLayerNetwork n ? n.getUpdater().getStateViewArray()
                : ((ComputationGraph) model).getUpdater().getStateViewArray();
    }

    static int iterationCount(Model model) {
        return model instanceof MultiLayerNetwork n ? n.getIterationCount()
                : ((ComputationGraph) model).getIterationCount();
    }

    static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertEquals(expected == null, actual == null, what);
        if (expected == null) {
            return;
        }
        float[] e = expected.dup('c').reshape(expected.length()).toFloatVector();
        float[] a = actual.dup('c').reshape(actual.length()).toFloatVector();
        assertArrayEquals(e, a, 0f, what + " must be bit-identical");
    }
}

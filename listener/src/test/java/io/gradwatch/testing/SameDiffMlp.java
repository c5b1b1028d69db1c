package io.gradwatch.testing;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The reference MLP of {@link ReferenceMlp} written in SameDiff: weights "w0".."w6", biases
 * "b0".."b6" (zero), hidden activation after each bias add, softmax cross-entropy averaged over the batch.
 */
public final class SameDiffMlp {

    private SameDiffMlp() {
    }

    public enum Activation { SIGMOID, RELU }

    /** With the experiment's optimizer: Nesterovs(0.1, 0.9) and l2 1e-5. */
    public static SameDiff build(ReferenceMlp.Init init, Activation activation, long seed) {
        return build(init, activation, new Nesterovs(0.1, 0.9), 1e-5, seed);
    }

    public static SameDiff build(ReferenceMlp.Init init, Activation activation, IUpdater updater, double l2,
                                 long seed) {
        int[] sizes = ReferenceMlp.SIZES;
        Nd4j.getRandom().setSeed(seed);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, sizes[0]);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, sizes[sizes.length - 1]);
        SDVariable h = x;
        for (int i = 0; i + 1 < sizes.length; i++) {
            int in = sizes[i];
            int out = sizes[i + 1];
            double s = init == ReferenceMlp.Init.UNIFORM ? 0.1 : Math.sqrt(2.34 / in);
            INDArray w = Nd4j.rand(DataType.FLOAT, in, out).muli(2 * s).subi(s);
            SDVariable z = h.mmul(sd.var("w" + i, w)).add(sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, 1, out)));
            if (i + 2 < sizes.length) {
                h = activation == Activation.SIGMOID ? sd.nn.sigmoid(z) : sd.nn.relu(z, 0);
            } else {
                h = z;
            }
        }
        sd.loss.softmaxCrossEntropy("loss", label, h, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(updater).l2(l2)
                .dataSetFeatureMapping("input").dataSetLabelMapping("label").build());
        return sd;
    }
}

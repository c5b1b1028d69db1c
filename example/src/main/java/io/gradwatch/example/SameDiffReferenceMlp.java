package io.gradwatch.example;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ReferenceMlp} as a SameDiff graph: {@code h = act(h.mmul(w<i>) + b<i>)} for the hidden layers,
 * softmax cross-entropy averaged over the minibatch on the logits {@code add_6}, and {@link #OUTPUT}
 * (the softmax) for evaluation. Weights are drawn per layer as {@link Init} says, biases are zero,
 * float32. One difference from DL4J: SameDiff's {@code l2} applies to every trainable variable, the
 * biases included (DL4J's applies to the weights only).
 *
 * <p>gradwatch groups the graph into {@code layer0} (w0, b0; 784-512) to {@code layer6} (w6, b6;
 * 16-10) with DL4J's keys W and b, so the example's table and tags read as for the DL4J network.
 */
public final class SameDiffReferenceMlp {

    /** Placeholder of the images. */
    public static final String INPUT = "input";
    /** Placeholder of the one-hot labels. */
    public static final String LABEL = "label";
    /** The softmax output, for evaluation. */
    public static final String OUTPUT = "output";

    private SameDiffReferenceMlp() {
    }

    /** The graph with its TrainingConfig set, ready for {@code sd.fit}. */
    public static SameDiff build(Init init, Act act, Optimizer optimizer, double learningRate, long seed) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        SameDiff sd = SameDiff.create();
        int last = ReferenceMlp.SIZES.size() - 1;
        SDVariable h = sd.placeHolder(INPUT, DataType.FLOAT, -1, ReferenceMlp.SIZES.get(0));
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, ReferenceMlp.SIZES.get(last));
        for (int i = 0; i < last; i++) {
            int fanIn = ReferenceMlp.SIZES.get(i);
            int fanOut = ReferenceMlp.SIZES.get(i + 1);
            double bound = init.bound(fanIn);
            INDArray w = Nd4j.rand(new long[]{fanIn, fanOut}, -bound, bound, rng).castTo(DataType.FLOAT);
            SDVariable z = h.mmul(sd.var("w" + i, w)).add(sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, 1, fanOut)));
            h = i == last - 1 ? z : act == Act.SIGMOID ? sd.nn.sigmoid(z) : sd.nn.relu(z, 0);
        }
        sd.nn.softmax(OUTPUT, h, 1);
        sd.loss.softmaxCrossEntropy("loss", label, h, null);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(optimizer.updater(learningRate))
                .l2(optimizer.l2())
                .dataSetFeatureMapping(INPUT)
                .dataSetLabelMapping(LABEL)
                .build());
        return sd;
    }
}

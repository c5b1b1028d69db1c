package io.gradwatch.testing;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference experiment's MLP (784-512-256-128-64-32-16-10, softmax), built here so that the
 * listener's tests and benchmarks do not depend on the example module.
 */
public final class ReferenceMlp {

    public static final int[] SIZES = {784, 512, 256, 128, 64, 32, 16, 10};

    /** uniform: U(-0.1, 0.1); xavier: MXNet's Xavier(factor "in", magnitude 2.34), U(+-sqrt(2.34 / fan_in)). */
    public enum Init { UNIFORM, XAVIER }

    private ReferenceMlp() {
    }

    /** With the experiment's optimizer: Nesterovs(0.1, 0.9) and l2 1e-5. */
    public static MultiLayerNetwork build(Init init, Activation activation, long seed) {
        return build(init, activation, new Nesterovs(0.1, 0.9), 1e-5, seed);
    }

    public static MultiLayerNetwork build(Init init, Activation activation, IUpdater updater, double l2, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(updater).l2(l2).list();
        for (int i = 0; i + 1 < SIZES.length; i++) {
            int in = SIZES[i];
            int out = SIZES[i + 1];
            double s = init == Init.UNIFORM ? 0.1 : Math.sqrt(2.34 / in);
            UniformDistribution dist = new UniformDistribution(-s, s);
            if (i + 2 < SIZES.length) {
                b.layer(new DenseLayer.Builder().nIn(in).nOut(out).activation(activation).weightInit(dist).build());
            } else {
                b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(out)
                        .activation(Activation.SOFTMAX).weightInit(dist).build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** MNIST-shaped random batches: pixels in [0, 1), one-hot labels; for benchmarks. */
    public static List<DataSet> randomBatches(long seed, int count, int batchSize) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batchSize, SIZES[0]);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, SIZES[SIZES.length - 1]);
            for (int r = 0; r < batchSize; r++) {
                y.putScalar(r, (r * 31 + i) % 10, 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }
}

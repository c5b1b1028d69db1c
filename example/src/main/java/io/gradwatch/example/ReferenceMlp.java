package io.gradwatch.example;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Objects;

/**
 * The reference experiment's network (CONTEXT: the vanishing-gradient tutorial): a deliberately deep
 * MLP 784-512-256-128-64-32-16-10, the same activation after every hidden layer, a softmax output
 * with cross-entropy (MCXENT), weights drawn per layer as {@link Init} says, biases zero, float32.
 *
 * <p>Layers are unnamed, so DL4J (and gradwatch) call them {@code layer0} (784-512, the first layer)
 * to {@code layer6} (16-10, the output layer).
 */
public final class ReferenceMlp {

    /** Layer widths from the input to the output. */
    public static final List<Integer> SIZES = List.of(784, 512, 256, 128, 64, 32, 16, 10);
    /** Half-width of the "uniform" initialisation. */
    public static final double UNIFORM_BOUND = 0.1;
    /** Magnitude of the MXNet-style Xavier initialisation: bound = sqrt(magnitude / fan_in). */
    public static final double XAVIER_MAGNITUDE = 2.34;
    /** Momentum of the reference optimizer. */
    public static final double MOMENTUM = 0.9;
    /** Weight decay (L2) of the reference optimizer. */
    public static final double WEIGHT_DECAY = 1e-5;
    /** Seed used by the example unless told otherwise. */
    public static final long DEFAULT_SEED = 42;

    private ReferenceMlp() {
    }

    /** The network, initialised and ready to train. */
    public static MultiLayerNetwork build(Init init, Act act, Optimizer optimizer, double learningRate, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(init, act, optimizer, learningRate, seed));
        net.init();
        return net;
    }

    /** The network's configuration. */
    public static MultiLayerConfiguration configuration(Init init, Act act, Optimizer optimizer, double learningRate,
                                                        long seed) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(optimizer.updater(learningRate))
                .l2(optimizer.l2())
                .biasInit(0.0)
                .list();
        int last = SIZES.size() - 1;
        for (int i = 0; i < last; i++) {
            int fanIn = SIZES.get(i);
            int fanOut = SIZES.get(i + 1);
            UniformDistribution weights = new UniformDistribution(-init.bound(fanIn), init.bound(fanIn));
            if (i < last - 1) {
                layers.layer(new DenseLayer.Builder().nIn(fanIn).nOut(fanOut)
                        .activation(act.activation()).weightInit(weights).build());
            } else {
                layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(fanIn).nOut(fanOut)
                        .activation(Activation.SOFTMAX).weightInit(weights).build());
            }
        }
        return layers.build();
    }

    /** gradwatch's name of the first layer ({@code layer0}, 784-512). */
    public static String firstLayer() {
        return "layer0";
    }

    /** gradwatch's name of the output layer ({@code layer6}, 16-10). */
    public static String lastLayer() {
        return "layer" + (SIZES.size() - 2);
    }
}

package io.gradwatch.bench;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's network: the reference MLP 784-512-256-128-64-32-16-10, sigmoid, SGD 0.1. */
final class ReferenceMlp {

    static final int[] SIZES = {784, 512, 256, 128, 64, 32, 16, 10};

    private ReferenceMlp() {
    }

    static MultiLayerNetwork build(long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        for (int i = 0; i < SIZES.length - 2; i++) {
            b.layer(new DenseLayer.Builder().nIn(SIZES[i]).nOut(SIZES[i + 1]).activation(Activation.SIGMOID).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(SIZES[SIZES.length - 2])
                .nOut(SIZES[SIZES.length - 1]).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** MNIST-shaped random batches: pixels in [0, 1), one-hot labels. */
    static List<DataSet> batches(long seed, int count, int batchSize) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batchSize, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, 10);
            for (int r = 0; r < batchSize; r++) {
                y.putScalar(r, (r * 31 + i) % 10, 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }
}

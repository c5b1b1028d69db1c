package io.gradwatch.testing;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small seeded networks and data for tests of every module (shared through the test-jar). */
public final class TestNetworks {

    private TestNetworks() {
    }

    /** A dense MLP: inputs -> hidden... -> classes, softmax output, SGD. */
    public static MultiLayerNetwork mlp(long seed, int inputs, int[] hidden, int classes, Activation activation,
                                        double learningRate) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(learningRate)).weightInit(WeightInit.XAVIER)
                .list();
        int in = inputs;
        for (int h : hidden) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(activation).build());
            in = h;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(classes)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** A small relu MLP with momentum and L2, as the reference experiment uses. */
    public static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9)).l2(1e-5)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A ComputationGraph with named layers: dense "hidden" and batch norm "bn" into output "out". */
    public static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(0.05)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(12).nOut(10).activation(Activation.TANH).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(10).build(), "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** A convolutional net on 1x8x8 images: conv, pooling (no parameters), batch norm, dense output. */
    public static MultiLayerNetwork conv(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** An LSTM over 5 time steps of 4 features, 3 classes per step. */
    public static MultiLayerNetwork lstm(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().nIn(4).nOut(6).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random features in [0, 1) and one-hot labels, seeded. */
    public static DataSet data(long seed, int examples, int features, int classes) {
        Nd4j.getRandom().setSeed(seed);
        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.rand(DataType.FLOAT, examples, features);
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            y.putScalar(i, (i * 7 + 3) % classes, 1f);
        }
        return new DataSet(x, y);
    }

    /** Random 1x8x8 images and one-hot labels, seeded. */
    public static DataSet images(long seed, int examples, int classes) {
        Nd4j.getRandom().setSeed(seed);
        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.rand(DataType.FLOAT, examples, 1, 8, 8);
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        return new DataSet(x, y);
    }

    /** Random sequences [examples, 4, 5] with one-hot labels per step, seeded. */
    public static DataSet sequences(long seed, int examples) {
        Nd4j.getRandom().setSeed(seed);
        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.rand(DataType.FLOAT, examples, 4, 5);
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(DataType.FLOAT, examples, 3, 5);
        for (int i = 0; i < examples; i++) {
            for (int t = 0; t < 5; t++) {
                y.putScalar(new int[]{i, (i + t) % 3, t}, 1f);
            }
        }
        return new DataSet(x, y);
    }
}

package io.gradwatch.diagnosis.corpus;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/** The corpus' networks other than the reference MLP and the zoo's LeNet; small enough for CPU CI. */
final class CorpusModels {

    private CorpusModels() {
    }

    /** conv-BN-relu-pool twice, dense, softmax; Adam 1e-3; MNIST as flat 784 inputs. */
    static MultiLayerNetwork cnnBatchNorm(long seed) {
        return cnnBatchNorm(seed, new Adam(1e-3));
    }

    /** The same CNN with batch norm and another updater. */
    static MultiLayerNetwork cnnBatchNorm(long seed, org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(updater).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A ResNet-style graph: a dense stem, two residual blocks (dense, dense, add the block's input, relu), softmax. */
    static ComputationGraph residual(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.RELU).graphBuilder()
                .addInputs("in")
                .addLayer("stem", new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build(), "in");
        String input = "stem";
        for (int b = 1; b <= 2; b++) {
            g.addLayer("b" + b + "a", new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build(), input)
                    .addLayer("b" + b + "b", new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.IDENTITY).build(),
                            "b" + b + "a")
                    .addVertex("b" + b + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), input, "b" + b + "b")
                    .addLayer("b" + b + "relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                            "b" + b + "add");
            input = "b" + b + "relu";
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10)
                .activation(Activation.SOFTMAX).build(), input).setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** LSTM(3 -> 16, tanh) and a per-step softmax over 3 classes; Adam 1e-2. */
    static MultiLayerNetwork lstm(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().nIn(3).nOut(16).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * A learnable sequence task: at every step, the class is the index of the largest of 3 inputs
     * seen so far summed with the current one (so the LSTM needs its memory).
     */
    static List<DataSet> sequences(long seed, int batches, int batchSize, int steps) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batchSize, 3, steps);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, 3, steps);
            for (int i = 0; i < batchSize; i++) {
                float[] sum = new float[3];
                for (int t = 0; t < steps; t++) {
                    int best = 0;
                    for (int c = 0; c < 3; c++) {
                        sum[c] += x.getFloat(i, c, t);
                        best = sum[c] > sum[best] ? c : best;
                    }
                    y.putScalar(new int[]{i, best, t}, 1f);
                }
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** The reference MLP's shape with one activation, one weight init and bias init, Nesterovs(0.1, 0.9). */
    static MultiLayerNetwork mlp(long seed, Activation activation, org.deeplearning4j.nn.weights.IWeightInit init,
                                 double biasInit, boolean freezeFirst) {
        int[] sizes = {784, 512, 256, 128, 64, 32, 16, 10};
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Nesterovs(0.1, 0.9)).l2(1e-5).weightInit(init).biasInit(biasInit).list();
        for (int i = 0; i + 2 < sizes.length; i++) {
            DenseLayer dense = new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(activation).build();
            b.layer(i == 0 && freezeFirst ? new FrozenLayer.Builder().layer(dense).build() : dense);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(10)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).biasInit(0).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** Linear regression (12 -> 16 -> 3, identity, MSE) with SGD 0.6: past the stable step size, it diverges to Inf. */
    static MultiLayerNetwork divergingRegression() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(new org.nd4j.linalg.learning.config.Sgd(0.6))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    /** {@code depth} sigmoid layers of 64 units with weights from U(-w, w), softmax output; SGD 0.1. */
    static MultiLayerNetwork deepSigmoid(long seed, int depth, double w) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.1))
                .weightInit(new WeightInitDistribution(new org.deeplearning4j.nn.conf.distribution.UniformDistribution(-w, w)))
                .list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 784 : 64).nOut(64).activation(Activation.SIGMOID).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10).activation(Activation.SOFTMAX)
                .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /**
     * A relu hidden layer frozen (FrozenLayer) at all-zero weights under a softmax output layer that learns
     * (Adam 1e-3): the output layer sees the same features for every image, the run learns the class prior only.
     */
    static MultiLayerNetwork frozen(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new FrozenLayer.Builder().layer(new DenseLayer.Builder().nIn(784).nOut(128)
                        .weightInit(WeightInit.ZERO).biasInit(0.1).activation(Activation.RELU).build()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    static org.deeplearning4j.nn.weights.IWeightInit normal(double std) {
        return new WeightInitDistribution(new NormalDistribution(0, std));
    }

    static org.deeplearning4j.nn.weights.IWeightInit constant(double value) {
        return new WeightInitConstant(value);
    }
}

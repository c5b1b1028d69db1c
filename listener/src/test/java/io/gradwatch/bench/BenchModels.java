package io.gradwatch.bench;

import io.gradwatch.testing.ReferenceMlp;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Supplier;

/** The benchmark models: each a fresh, seeded network (no pretrained weights) and a random batch that fits it. */
final class BenchModels {

    record Bench(String name, Supplier<Model> model, DataSet batch) {
    }

    private BenchModels() {
    }

    static Bench referenceMlp() {
        return new Bench("reference MLP (batch 128)", () -> ReferenceMlp.build(ReferenceMlp.Init.XAVIER,
                Activation.SIGMOID, new Sgd(0.1), 0, 42), ReferenceMlp.randomBatches(7, 1, 128).get(0));
    }

    static Bench leNet() {
        return new Bench("LeNet, zoo (1x28x28, batch 32)", () -> LeNet.builder().numClasses(10).seed(1)
                .inputShape(new int[]{1, 28, 28}).build().init(), images(32, 1, 28, 10));
    }

    static Bench alexNet() {
        return new Bench("AlexNet, zoo (3x64x64, batch 8)", () -> AlexNet.builder().numClasses(10).seed(1)
                .inputShape(new int[]{3, 64, 64}).build().init(), images(8, 3, 64, 10));
    }

    static Bench vgg16() {
        return new Bench("VGG16, zoo (3x224x224, batch 1)", () -> VGG16.builder().numClasses(1000).seed(1)
                .build().init(), images(1, 3, 224, 1000));
    }

    static Bench resNet50() {
        return new Bench("ResNet50, zoo (3x224x224, batch 1)", () -> ResNet50.builder().numClasses(1000).seed(1)
                .build().init(), images(1, 3, 224, 1000));
    }

    /** A small residual ComputationGraph: conv stem, two residual blocks (conv-bn-conv-bn + skip), global pooling. */
    static Bench residualGraph() {
        return new Bench("ResNet-style graph (3x16x16, batch 16)", BenchModels::residual, images(16, 3, 16, 10));
    }

    /** Two LSTM layers of 128 units over 30 steps of 50 features. */
    static Bench lstm() {
        return new Bench("LSTM 2x128 (50 features x 30 steps, batch 32)", BenchModels::lstmNet, sequences(32, 50, 30, 10));
    }

    private static Model residual() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Nesterovs(0.01, 0.9)).weightInit(WeightInit.RELU)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(16, 16, 3))
                .addLayer("stem", conv(3, 32), "in");
        String last = "stem";
        for (int b = 0; b < 2; b++) {
            String p = "block" + b + "_";
            g.addLayer(p + "conv1", conv(32, 32), last)
                    .addLayer(p + "bn1", new BatchNormalization.Builder().nOut(32).build(), p + "conv1")
                    .addLayer(p + "conv2", conv(32, 32), p + "bn1")
                    .addLayer(p + "bn2", new BatchNormalization.Builder().nOut(32).build(), p + "conv2")
                    .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", last);
            last = p + "add";
        }
        ComputationGraphConfiguration conf = g
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int in, int out) {
        return new ConvolutionLayer.Builder(3, 3).nIn(in).nOut(out).padding(1, 1).activation(Activation.RELU).build();
    }

    private static Model lstmNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().nIn(50).nOut(128).activation(Activation.TANH).build())
                .layer(new LSTM.Builder().nIn(128).nOut(128).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet images(int batch, int channels, int size, int classes) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, channels, size, size);
        return new DataSet(x, oneHot(batch, classes));
    }

    private static DataSet sequences(int batch, int features, int steps, int classes) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, features, steps);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                y.putScalar(new int[]{i, (i + t) % classes, t}, 1f);
            }
        }
        return new DataSet(x, y);
    }

    private static INDArray oneHot(int batch, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1f);
        }
        return y;
    }

    /** Trains {@code model} on {@code batch} for {@code iterations} iterations. */
    static void train(Model model, DataSet batch, int iterations) {
        for (int i = 0; i < iterations; i++) {
            if (model instanceof MultiLayerNetwork net) {
                net.fit(batch);
            } else {
                ((ComputationGraph) model).fit(batch);
            }
        }
    }
}

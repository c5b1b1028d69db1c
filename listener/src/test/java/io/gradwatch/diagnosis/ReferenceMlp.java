package io.gradwatch.diagnosis;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The reference experiment's MLP (784-512-256-128-64-32-16-10, softmax, Nesterovs(0.1, 0.9), l2 1e-5),
 * built here so the listener's tests do not depend on the example module.
 */
final class ReferenceMlp {

    static final int[] SIZES = {784, 512, 256, 128, 64, 32, 16, 10};

    enum Init { UNIFORM, XAVIER }

    private ReferenceMlp() {
    }

    static MultiLayerNetwork build(Init init, Activation activation, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Nesterovs(0.1, 0.9)).l2(1e-5).list();
        for (int i = 0; i + 1 < SIZES.length; i++) {
            int in = SIZES[i];
            int out = SIZES[i + 1];
            // uniform: U(-0.1, 0.1); xavier: MXNet's Xavier(factor "in", magnitude 2.34), U(+-sqrt(2.34 / fan_in))
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
}

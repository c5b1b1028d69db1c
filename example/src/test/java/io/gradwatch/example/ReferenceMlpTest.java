package io.gradwatch.example;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceMlpTest {

    @Test
    void xavier_weightsOfEveryLayerLieWithinTheirOwnBoundAndFillIt() {
        MultiLayerNetwork net = ReferenceMlp.build(Init.XAVIER, Act.SIGMOID, Optimizer.NESTEROVS, 0.1, 7);

        for (int i = 0; i < net.getnLayers(); i++) {
            int fanIn = ReferenceMlp.SIZES.get(i);
            double bound = Math.sqrt(2.34 / fanIn);
            INDArray w = net.getLayer(i).getParam("W");
            double maxAbs = w.amaxNumber().doubleValue();
            assertTrue(maxAbs <= bound, "layer" + i + ": max |w| " + maxAbs + " exceeds sqrt(2.34/" + fanIn + ") = " + bound);
            // 160 weights (16x10, the smallest layer) from U(-s, s) all stay below 0.9 s with probability 0.9^160 ~ 5e-8
            assertTrue(maxAbs > 0.9 * bound, "layer" + i + ": max |w| " + maxAbs + " uses too little of " + bound);
            double rms = w.norm2Number().doubleValue() / Math.sqrt(w.length());
            // U(-s, s) has RMS s / sqrt(3)
            assertEquals(bound / Math.sqrt(3), rms, 0.1 * bound / Math.sqrt(3), "layer" + i + " RMS");
        }
    }

    @Test
    void xavier_boundShrinksWithFanIn() {
        assertEquals(Math.sqrt(2.34 / 784), Init.XAVIER.bound(784), 1e-15);
        assertEquals(Math.sqrt(2.34 / 16), Init.XAVIER.bound(16), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Init.XAVIER.bound(0));
    }

    @Test
    void uniform_everyWeightWithinPointOneAndBiasesZero() {
        MultiLayerNetwork net = ReferenceMlp.build(Init.UNIFORM, Act.RELU, Optimizer.NESTEROVS, 0.1, 7);

        for (int i = 0; i < net.getnLayers(); i++) {
            double maxAbs = net.getLayer(i).getParam("W").amaxNumber().doubleValue();
            assertTrue(maxAbs <= 0.1 && maxAbs > 0.09, "layer" + i + ": max |w| = " + maxAbs);
            assertEquals(0.0, net.getLayer(i).getParam("b").amaxNumber().doubleValue(), "layer" + i + " bias");
        }
    }

    @Test
    void build_hasTheReferenceShapeActivationsAndLoss() {
        MultiLayerNetwork net = ReferenceMlp.build(Init.UNIFORM, Act.SIGMOID, Optimizer.NESTEROVS, 0.1, 7);

        assertEquals(7, net.getnLayers());
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            assertEquals((long) ReferenceMlp.SIZES.get(i), layer.getParam("W").size(0), "layer" + i + " fan_in");
            assertEquals((long) ReferenceMlp.SIZES.get(i + 1), layer.getParam("W").size(1), "layer" + i + " fan_out");
            BaseLayer conf = (BaseLayer) layer.conf().getLayer();
            Activation expected = i == 6 ? Activation.SOFTMAX : Activation.SIGMOID;
            assertEquals(expected.getActivationFunction(), conf.getActivationFn(), "layer" + i + " activation");
        }
        assertInstanceOf(LossMCXENT.class, ((OutputLayer) net.getLayer(6).conf().getLayer()).getLossFn());
        // 576,160 weights + 1,018 biases
        assertEquals(577_178, net.numParams());
    }

    @Test
    void optimizer_nesterovsHasMomentumAndWeightDecay_sgdHasNeither() {
        BaseLayer nesterovs = (BaseLayer) ReferenceMlp.build(Init.UNIFORM, Act.RELU, Optimizer.NESTEROVS, 0.1, 7)
                .getLayer(0).conf().getLayer();
        Nesterovs updater = assertInstanceOf(Nesterovs.class, nesterovs.getIUpdater());
        assertEquals(0.1, updater.getLearningRate(), 1e-12);
        assertEquals(0.9, updater.getMomentum(), 1e-12);
        assertEquals(1, nesterovs.getRegularization().size(), "L2 on the weights");
        assertTrue(nesterovs.getRegularizationBias().isEmpty(), "no decay on the biases");

        BaseLayer sgd = (BaseLayer) ReferenceMlp.build(Init.UNIFORM, Act.RELU, Optimizer.SGD, 0.05, 7)
                .getLayer(0).conf().getLayer();
        assertEquals(0.05, assertInstanceOf(Sgd.class, sgd.getIUpdater()).getLearningRate(), 1e-12);
        assertTrue(sgd.getRegularization().isEmpty());
    }

    @Test
    void build_sameSeed_sameWeights() {
        INDArray a = ReferenceMlp.build(Init.XAVIER, Act.RELU, Optimizer.NESTEROVS, 0.1, 3).params();
        INDArray b = ReferenceMlp.build(Init.XAVIER, Act.RELU, Optimizer.NESTEROVS, 0.1, 3).params();
        assertEquals(a, b);
    }

    @Test
    void build_nonPositiveLearningRate_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceMlp.configuration(Init.UNIFORM, Act.RELU, Optimizer.SGD, 0, 1));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}

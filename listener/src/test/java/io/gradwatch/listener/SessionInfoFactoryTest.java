package io.gradwatch.listener;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SessionInfoFactoryTest {

    /** Dense (identity) -> batch norm (configured sigmoid, which it ignores) -> activation layer relu -> softmax. */
    private static MultiLayerNetwork convLike(org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(3).activation(Activation.SIGMOID).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void activation_namesWhatTheLayersApply_notBatchNormsConfiguredOne_norIdentityBesideOthers() {
        Map<String, Object> hp = SessionInfoFactory.fromConfiguration(convLike(new Sgd(0.1)));
        assertEquals("relu,softmax", hp.get("activation"));
        assertEquals(0.1, hp.get("learning_rate"));
    }

    @Test
    void learningRate_ofAnUpdaterWithoutOne_isNotReportedAsNaN() {
        Map<String, Object> hp = SessionInfoFactory.fromConfiguration(convLike(new AdaDelta()));
        assertFalse(hp.containsKey("learning_rate"), "AdaDelta has no learning rate: " + hp);
        assertEquals("AdaDelta", hp.get("updater"));
    }
}

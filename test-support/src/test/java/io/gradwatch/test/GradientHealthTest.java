package io.gradwatch.test;

import io.gradwatch.testing.ExpectedErrorOutput;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked example of docs/testing-your-model.md, and the failures a sick model gets. */
@ExpectedErrorOutput("the sick model's verdicts, logged as in any run")
class GradientHealthTest {

    private static final int FEATURES = 8;
    private static final int CLASSES = 3;

    @Test
    void aHealthyModel_passesBothAssertions_andTheListenerIsRemovedAgain() {
        MultiLayerNetwork net = healthy();

        GradientHealth seen = GradientHealth.train(net, learnableData(), 30)
                .assertNoWarning()
                .assertGradientWithinDecadesOfOutput("layer0/W", 3);

        assertEquals(30, seen.reports().size(), "one report per iteration");
        assertTrue(net.getListeners().isEmpty(), "train() leaves the model's listeners as they were");
    }

    @Test
    void aDeepSigmoidWithNearZeroInit_failsInTheVerdictsWords() {
        AssertionFailedError warned = assertThrows(AssertionFailedError.class,
                () -> GradientHealth.train(deepSigmoid(), learnableData(), 30).assertNoWarning());
        assertTrue(warned.getMessage().contains("layer0/W"), warned.getMessage());
        assertTrue(warned.getMessage().contains("decades below the output layer"), warned.getMessage());

        AssertionFailedError vanishing = assertThrows(AssertionFailedError.class,
                () -> GradientHealth.train(deepSigmoid(), learnableData(), 30)
                        .assertGradientWithinDecadesOfOutput("layer0/W", 3));
        assertTrue(vanishing.getMessage().startsWith("layer0/W: gradient RMS"), vanishing.getMessage());
        assertTrue(vanishing.getMessage().endsWith("vanishing gradient"), vanishing.getMessage());
    }

    @Test
    void decadesMeasured_matchTheReportsGradientRms() {
        GradientHealth seen = GradientHealth.train(deepSigmoid(), learnableData(), 12);
        // the median decades, computed here from the reports' own RMS values, decides the assertion either way
        double[] below = seen.reports().stream().mapToDouble(r -> Math.log10(r.parameter("layer6", "W").gradient().rms())
                - Math.log10(r.parameter("layer0", "W").gradient().rms())).sorted().toArray();
        double median = (below[5] + below[6]) / 2;
        seen.assertGradientWithinDecadesOfOutput("layer0/W", median + 0.01);
        assertThrows(AssertionFailedError.class, () -> seen.assertGradientWithinDecadesOfOutput("layer0/W", median - 0.01));
    }

    @Test
    void tooFewIterations_orAnUnknownParameter_sayWhatToChange() {
        GradientHealth few = GradientHealth.train(healthy(), learnableData(), 3);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, few::assertNoWarning);
        assertTrue(e.getMessage().contains("train at least 10 iterations"), e.getMessage());

        GradientHealth seen = GradientHealth.train(healthy(), learnableData(), 10);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> seen.assertGradientWithinDecadesOfOutput("dense/W", 3));
        assertTrue(unknown.getMessage().contains("layer0/W"), "lists the names there are: " + unknown.getMessage());
    }

    /** Three classes told apart by the largest of the first three features, in minibatches of 32. */
    static DataSetIterator learnableData() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, FEATURES);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 128, CLASSES);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, x.getRow(i).get(NDArrayIndex.interval(0, CLASSES)).argMax().getInt(0), 1f);
        }
        return new ListDataSetIterator<>(new DataSet(x, y).asList(), 32);
    }

    static MultiLayerNetwork healthy() {
        return mlp(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER).list(), 2, Activation.RELU);
    }

    /** The tutorial's failure: sigmoid layers with weights from U(-0.1, 0.1). */
    static MultiLayerNetwork deepSigmoid() {
        return mlp(new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .weightInit(new UniformDistribution(-0.1, 0.1)).list(), 6, Activation.SIGMOID);
    }

    private static MultiLayerNetwork mlp(NeuralNetConfiguration.ListBuilder b, int hidden, Activation activation) {
        for (int i = 0; i < hidden; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? FEATURES : 32).nOut(32).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(CLASSES)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }
}

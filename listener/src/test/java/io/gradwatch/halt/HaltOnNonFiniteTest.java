package io.gradwatch.halt;

import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.GradWatch;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * haltOnNonFinite: the first non-finite gradient stops fit() at its own iteration, before the updater
 * applies it; the checkpoint holds the parameters as they were after the last healthy update.
 */
@ExpectedErrorOutput("the halt errors and DL4J's EarlyStoppingTrainer reporting the halted fit")
class HaltOnNonFiniteTest {

    private static final int BAD_BATCH = 6;

    @TempDir
    Path dir;

    /** Records the parameters after every applied update, and the iterations whose gradient was computed. */
    static final class ParamsAfterUpdate extends BaseTrainingListener {
        INDArray last;
        final List<Integer> done = new ArrayList<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            last = model.params().dup();
            done.add(iteration);
        }
    }

    /** Finite batches, then one whose first input value is NaN. */
    static List<DataSet> batches(DataSet base) {
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DataSet d = base.copy();
            if (i == BAD_BATCH) {
                d.getFeatures().putScalar(0, Float.NaN);
            }
            out.add(d);
        }
        return out;
    }

    @Test
    void multiLayerNetwork_nanInput_haltsAtThatIterationWithHealthyCheckpoint() throws Exception {
        MultiLayerNetwork net = TestNetworks.mlp(3);
        Path checkpoint = dir.resolve("sub/last-healthy.zip");
        ParamsAfterUpdate params = new ParamsAfterUpdate();
        GradWatchListener gw = GradWatch.builder().every(1).haltOnNonFinite(checkpoint).build();
        net.addListeners(params, gw);
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class,
                () -> net.fit(new ExistingDataSetIterator(batches(TestNetworks.data(1, 32, 12, 3)))));
        gw.close();
        assertEquals(BAD_BATCH, e.iteration(), "stops at the iteration of the first non-finite gradient");
        assertEquals(BAD_BATCH, params.done.size(), "the bad update was never applied");
        assertEquals("layer2", e.layer(), "the output layer meets the NaN first in backpropagation");
        assertEquals(checkpoint, e.checkpoint());
        assertTrue(e.reason().contains("non-finite gradient"), e.reason());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertHealthy(params.last, restored.params());
        assertHealthy(params.last, net.params());
    }

    @Test
    void computationGraph_nanInput_haltsAtThatIterationWithHealthyCheckpoint() throws Exception {
        ComputationGraph graph = TestNetworks.graph(3);
        Path checkpoint = dir.resolve("graph.zip");
        ParamsAfterUpdate params = new ParamsAfterUpdate();
        GradWatchListener gw = GradWatch.builder().haltOnNonFinite(checkpoint).build();
        graph.addListeners(params, gw);
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class,
                () -> graph.fit(new ExistingDataSetIterator(batches(TestNetworks.data(1, 32, 12, 3)))));
        gw.close();
        assertEquals(BAD_BATCH, e.iteration());
        assertEquals(BAD_BATCH, params.done.size());
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(checkpoint.toFile(), true);
        assertHealthy(params.last, restored.params());
    }

    @Test
    void hugeLearningRate_haltsAtFirstNonFiniteGradientWithFiniteCheckpoint() throws Exception {
        MultiLayerNetwork net = divergingRegression();
        Path checkpoint = dir.resolve("lr.zip");
        ParamsAfterUpdate params = new ParamsAfterUpdate();
        GradWatchListener gw = GradWatch.builder().haltOnNonFinite(checkpoint).build();
        net.addListeners(params, gw);
        DataSet data = TestNetworks.data(2, 64, 12, 3);
        data.setLabels(data.getLabels().mul(100));
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < 500; i++) {
                net.fit(data);
            }
        });
        gw.close();
        assertEquals(params.done.size(), e.iteration(), "no update after the first non-finite gradient");
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertHealthy(params.last, restored.params());
    }

    /**
     * EarlyStoppingTrainer catches what fit throws: it ends with TerminationReason.Error, the halt in its
     * details, and returns its best model (here from the healthy first epoch); gradwatch's checkpoint is the
     * model just before the bad update.
     */
    @Test
    void earlyStoppingTrainer_recordsTheHaltAsItsErrorAndKeepsItsBestModel() throws Exception {
        MultiLayerNetwork net = TestNetworks.mlp(3);
        Path checkpoint = dir.resolve("es.zip");
        List<DataSet> data = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            data.add(TestNetworks.data(1, 32, 12, 3).copy());
        }
        BaseTrainingListener poisonAfterFirstEpoch = new BaseTrainingListener() {
            @Override
            public void onEpochEnd(Model model) {
                data.get(BAD_BATCH).getFeatures().putScalar(0, Float.NaN);
            }
        };
        GradWatchListener gw = GradWatch.builder().haltOnNonFinite(checkpoint).build();
        net.addListeners(poisonAfterFirstEpoch, gw);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                .scoreCalculator(new DataSetLossCalculator(new ExistingDataSetIterator(data.subList(0, 2)), true))
                .modelSaver(new InMemoryModelSaver<>()).build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net,
                new ExistingDataSetIterator(data)).fit();
        gw.close();
        assertEquals(EarlyStoppingResult.TerminationReason.Error, result.getTerminationReason());
        assertTrue(result.getTerminationDetails().contains("TrainingHaltedException"), result.getTerminationDetails());
        assertEquals(0, result.getBestModelEpoch(), "the trainer keeps the best model of the healthy epoch");
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertHealthy(net.params(), restored.params());
        assertEquals(10 + BAD_BATCH, restored.getIterationCount(), "saved at the bad iteration, before its update");
    }

    @Test
    void haltingOff_nanInput_trainingGoesOn() {
        MultiLayerNetwork net = TestNetworks.mlp(3);
        ParamsAfterUpdate params = new ParamsAfterUpdate();
        GradWatchListener gw = GradWatch.builder().build();
        net.addListeners(params, gw);
        net.fit(new ExistingDataSetIterator(batches(TestNetworks.data(1, 32, 12, 3))));
        gw.close();
        assertEquals(10, params.done.size());
    }

    /** Linear regression with a learning rate far too high: the weights grow geometrically to Inf, then NaN. */
    static MultiLayerNetwork divergingRegression() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(new Sgd(5)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    private static void assertHealthy(INDArray expected, INDArray actual) {
        assertNotNull(expected, "at least one healthy update before the halt");
        assertFalse(actual.isNaN().any() || actual.isInfinite().any(), "only finite parameters");
        assertEquals(expected, actual, "the parameters before the bad update");
    }
}

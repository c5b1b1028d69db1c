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
 * applies it; the checkpoint (and the model in memory) holds the last state gradwatch certified healthy,
 * a copy taken before the update of a measured iteration whose report carried no warning (issue 22).
 */
@ExpectedErrorOutput("the halt errors and DL4J's EarlyStoppingTrainer reporting the halted fit")
class HaltOnNonFiniteTest {

    private static final int BAD_BATCH = 6;

    @TempDir
    Path dir;

    /** Records the parameters before every update (by iteration), and the iterations whose update was applied. */
    static final class ParamsAfterUpdate extends BaseTrainingListener {
        INDArray last;
        final java.util.Map<Integer, INDArray> before = new java.util.HashMap<>();
        final List<Integer> done = new ArrayList<>();

        @Override
        public void onGradientCalculation(Model model) {
            before.put(org.deeplearning4j.optimize.solvers.BaseOptimizer.getIterationCount(model), model.params().dup());
        }

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
        assertEquals(0, e.checkpointIteration(), "every(1): candidates at 0 and 20; the one of iteration 0 is certified");
        assertTrue(e.getMessage().contains("certified healthy at iteration 0"), e.getMessage());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertHealthy(params.before.get(0), restored.params());
        assertHealthy(params.before.get(0), net.params());
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
        assertEquals(0, e.checkpointIteration());
        assertHealthy(params.before.get(0), restored.params());
    }

    /**
     * A run that diverges from its first update: the checkpoint is not the last finite model (weights near
     * 1e23) but the state before the divergence, whose loss on a fresh batch is within 2x of the run's first.
     */
    @Test
    void hugeLearningRate_haltsAtFirstNonFiniteGradientWithHealthyCheckpoint() throws Exception {
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
        assertHealthy(params.before.get((int) e.checkpointIteration()), restored.params());
        DataSet fresh = TestNetworks.data(3, 64, 12, 3);
        fresh.setLabels(fresh.getLabels().mul(100));
        double firstLoss = divergingRegression().score(fresh);
        assertTrue(restored.score(fresh) <= 2 * firstLoss, "checkpoint loss " + restored.score(fresh)
                + " against the run's first " + firstLoss);
    }

    /**
     * Issue 22's bar: a run that learns, then diverges when its learning rate is raised 200-fold. The checkpoint
     * holds a state certified before the divergence, and its loss on a fresh batch is within 2x of the run's
     * loss just before it diverged.
     */
    @Test
    void divergingAfterHealthyTraining_checkpointIsTheCertifiedStateBeforeIt() throws Exception {
        MultiLayerNetwork net = divergingRegression();
        org.deeplearning4j.util.NetworkUtils.setLearningRate(net, 0.02);
        Path checkpoint = dir.resolve("diverged.zip");
        GradWatchListener gw = GradWatch.builder().haltOnNonFinite(checkpoint).build();
        net.addListeners(gw);
        DataSet data = TestNetworks.data(2, 64, 12, 3);
        DataSet fresh = TestNetworks.data(3, 64, 12, 3);
        double[] lossBefore = {Double.NaN};
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < 500; i++) {
                if (i == 65) {
                    lossBefore[0] = net.score(fresh);
                    org.deeplearning4j.util.NetworkUtils.setLearningRate(net, 4.0);
                }
                net.fit(data);
            }
        });
        gw.close();
        assertTrue(e.iteration() > 65, "diverged after the change: " + e.iteration());
        assertTrue(e.checkpointIteration() <= 65 && e.checkpointIteration() >= 40,
                "a state certified shortly before the divergence: " + e.checkpointIteration());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        double loss = restored.score(fresh);
        assertTrue(loss <= 2 * lossBefore[0], "checkpoint loss " + loss + " against " + lossBefore[0]
                + " before the divergence");
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
        assertEquals(0, restored.getIterationCount(), "candidates every 20 iterations: the bad batch (16) came before the second");
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

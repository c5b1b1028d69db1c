package io.gradwatch.halt;

import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.GradWatch;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.diagnosis.DiagnosisThresholds;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.Verdict;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** haltOnExploding: a warning-level exploding verdict stops fit() at the next callback, after saving. */
@ExpectedErrorOutput("the exploding-gradient warnings and the halt of a diverging run")
class HaltOnExplodingTest {

    @TempDir
    Path dir;

    @Test
    void divergingRun_explodingVerdict_haltsAfterSavingAndTellsOnVerdict() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(new Sgd(0.6)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        DataSet data = TestNetworks.data(2, 64, 12, 3);
        Path checkpoint = dir.resolve("exploding.zip");
        List<Verdict> told = new CopyOnWriteArrayList<>();
        GradWatchListener gw = GradWatch.builder().every(1).histogramsEvery(0)
                .diagnosis(DiagnosisThresholds.builder().windowReports(3).build())
                .haltOnExploding(checkpoint).onVerdict(told::add).build();
        net.addListeners(gw);
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < 50; i++) {
                net.fit(data);
                gw.flush(); // every report diagnosed before the next iteration
            }
        });
        gw.close();
        assertTrue(e.reason().startsWith("exploding gradient"), e.reason());
        Verdict exploding = told.stream().filter(v -> v.problem() == Verdict.Problem.EXPLODING_GRADIENT).findFirst()
                .orElseThrow();
        // the next training-thread callback after the verdict: iterationDone of the verdict's own iteration when
        // the analysis thread is quick, else the first callback of the iteration after it
        assertTrue(e.iteration() == exploding.firstIteration() || e.iteration() == exploding.firstIteration() + 1,
                "halted at the first callback after the verdict (" + exploding.firstIteration() + "), not at "
                        + e.iteration());
        assertTrue(e.layer().equals("layer0") || e.layer().equals("layer1"), e.layer());
        assertTrue(told.stream().anyMatch(v -> v.problem() == Verdict.Problem.EXPLODING_GRADIENT && !v.ended()),
                "onVerdict heard the start: " + told);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertFalse(restored.params().isNaN().any() || restored.params().isInfinite().any());
        assertEquals(net.params(), restored.params(), "saved as it was when training stopped");
    }

    @Test
    void haltOnExploding_withoutDiagnosis_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().noDiagnosis().haltOnExploding(dir.resolve("x.zip")).build());
        assertTrue(e.getMessage().contains("noDiagnosis"), e.getMessage());
    }

    @Test
    void haltOnNonFinite_twice_isRejected() {
        assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().haltOnNonFinite(dir.resolve("a.zip")).haltOnNonFinite(dir.resolve("b.zip")));
    }
}

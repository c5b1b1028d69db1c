package io.gradwatch.diagnosis.corpus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's corpus, healthy half: runs that learn show no warning-level verdict at any report
 * (notes are allowed: they are what a careful engineer would mention, not alarms).
 */
class HealthyCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp-relu-uniform-nesterovs", "mlp-relu-xavier-nesterovs", "mlp-relu-xavier-sgd",
            "mlp-relu-xavier-adam", "cnn-batchnorm-adam", "lstm-adam", "resnet-graph-nesterovs", "zoo-lenet"})
    void healthyRun_learns_andShowsNoWarning(String name) {
        Corpus.Run run = Corpus.run(name);
        assertTrue(run.recentLoss() < 0.7 * run.firstLoss(), name + " learns: loss " + run.firstLoss()
                + " -> median of the last five reports " + run.recentLoss());
        assertEquals(List.of(), run.warnings(), name + ": no warning-level verdict");
    }
}

package io.gradwatch.diagnosis.corpus;

import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.report.Verdict.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's corpus, failing half: each run gets its verdict on the right layer within the stated
 * iteration (the first iteration at which a full window exists is 90 at a report every 10 iterations
 * with a window of 10 reports; 2 for the every-iteration run with a window of 3).
 */
class FailingCorpusTest {

    @ParameterizedTest(name = "{0}: {1} on {2} by iteration {3}")
    @CsvSource({
            "mlp-sigmoid-uniform,    VANISHING_GRADIENT,   layer0, 90",
            "regression-huge-lr,     EXPLODING_GRADIENT,   layer1, 4",
            "regression-huge-lr,     NON_FINITE,           layer1, 10",
            "mlp-relu-dead,          DEAD_UNITS,           layer0, 90",
            "mlp-sigmoid-saturated,  SATURATED_UNITS,      layer0, 90",
            "mlp-tanh-saturated,     SATURATED_UNITS,      layer0, 90",
            "mlp-tanh-constant-init, POOR_INITIALIZATION,  layer1, 90",
            "mlp-relu-frozen-first,  UNCHANGED_PARAMETERS, layer0, 90",
            "mlp-relu-random-labels, LOSS_NOT_DECREASING,  layer6, 100",
    })
    void failingRun_getsItsVerdictOnItsLayerInTime(String name, Problem problem, String layer, long byIteration) {
        Corpus.Run run = Corpus.run(name);
        long detected = run.detected(problem, layer);
        assertTrue(detected >= 0 && detected <= byIteration, name + ": " + problem + " on " + layer + " detected at "
                + detected + ", expected by " + byIteration + "; verdicts: " + run.started());
    }

    @ParameterizedTest
    @CsvSource({"mlp-sigmoid-uniform", "regression-huge-lr", "mlp-relu-dead", "mlp-relu-random-labels"})
    void runThatDoesNotLearn_warns(String name) {
        Corpus.Run run = Corpus.run(name);
        assertTrue(run.warnings().stream().anyMatch(v -> v.severity() == Severity.WARNING), name + ": " + run.started());
    }
}

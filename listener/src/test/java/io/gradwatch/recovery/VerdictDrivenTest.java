package io.gradwatch.recovery;

import io.gradwatch.GradWatch;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.report.Verdict;
import io.gradwatch.testing.ExpectedErrorOutput;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagnosis's part: a warning-level verdict in force at a candidate's report keeps that state from being
 * certified, and an exploding-gradient warning that starts makes recover() roll back. A scripted diagnoser
 * plays the diagnosis; flush() after each batch makes the analysis thread's timing deterministic.
 */
@ExpectedErrorOutput("the WARN lines of each recovery action and the halt")
class VerdictDrivenTest {

    @TempDir
    Path dir;

    /** A diagnoser with a warning in force from {@code from} on, started there (exploding gradient, layer0). */
    private static io.gradwatch.diagnosis.Diagnoser warningFrom(long from) {
        return report -> {
            if (report.iteration() < from) {
                return Diagnosis.none();
            }
            Verdict v = new Verdict(Verdict.Problem.EXPLODING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", from,
                    5, "layer0/W: exploding gradient (scripted)");
            return new Diagnosis(List.of(v), report.iteration() == from ? List.of(v) : List.of(), List.of());
        };
    }

    /** Candidates at 0, 20, 40; the warning from 40 on refuses the third: a NaN at 45 halts with iteration 20. */
    @Test
    void warningAtACandidatesReport_keepsItFromBeingCertified() {
        MultiLayerNetwork net = SkipTest.mlp(new Nesterovs(0.1, 0.9));
        List<DataSet> data = Batches.of(21, 60);
        GradWatchListener gw = GradWatch.builder().diagnoser(() -> warningFrom(40))
                .haltOnNonFinite(dir.resolve("h.zip")).build();
        net.addListeners(gw);
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < data.size(); i++) {
                net.fit(i == 45 ? Batches.withNaN(data.get(i)) : data.get(i));
                gw.flush();
            }
        });
        gw.close();
        assertEquals(45, e.iteration());
        assertEquals(20, e.checkpointIteration(), "the candidate of 40 met a warning; 20 is the last certified");
    }

    /** The exploding warning that starts at 40 rolls the model back once, to the state certified at 20 or 40. */
    @Test
    void explodingWarningStarts_recoverRollsBackOnceWithHalfTheLearningRate() {
        MultiLayerNetwork net = SkipTest.mlp(new Nesterovs(0.1, 0.9));
        List<DataSet> data = Batches.of(22, 60);
        GradWatchListener gw = GradWatch.builder().diagnoser(() -> warningFrom(40)).recover().build();
        net.addListeners(gw);
        for (DataSet d : data) {
            net.fit(d);
            gw.flush();
        }
        gw.close();
        assertEquals(1, gw.recoveries().size(), "one roll-back, for the one start: " + gw.recoveries());
        RecoveryEvent e = gw.recoveries().get(0);
        assertEquals(RecoveryEvent.Action.ROLLED_BACK, e.action());
        assertEquals(41, e.iteration(), "at the first step after the report of 40 was diagnosed");
        assertTrue(e.reason().startsWith("warning: layer0/W: exploding gradient"), e.reason());
        assertEquals(20, e.restoredIteration(), "the candidate of 40 met the warning itself");
        assertEquals(0.5, e.learningRateScale());
        assertEquals(0.05, net.getLayer(0).conf().getLayer().getUpdaterByParam("W").getLearningRate(50, 0), 1e-12);
    }
}

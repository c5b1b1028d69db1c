package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.report.Verdict.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22: severity follows whether the run learns, and a change of severity is an event of the report. */
class SeverityEventsTest {

    private static Feed tenClasses() {
        Feed f = new Feed();
        f.diagnoser.start(new SessionInfo("s", "0", 0, "MultiLayerNetwork", List.of(
                new LayerInfo("layer0", 0, "DenseLayer", "relu", List.of()),
                new LayerInfo("layer1", 1, "OutputLayer", "softmax", List.of(), new LayerInfo.OutputLoss("LossMCXENT", 10))),
                GradientScale.MEAN_LOSS, Map.of(), "{}"));
        return f;
    }

    @Test
    void atChance_aHighLearningRateIsAWarning_andBecomesANoteOnceTheRunLearns_asOneEvent() {
        Feed f = tenClasses();
        Random r = new Random(11);
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 5e-2).weight(1, 1e-3, 3e-3)
                .loss(Math.log(10) + 0.02 * r.nextGaussian()).build());
        assertEquals(Severity.WARNING, Feed.only(f.last(), Problem.LEARNING_RATE_TOO_HIGH).severity());
        Verdict notLearning = Feed.only(f.last(), Problem.LOSS_NOT_DECREASING);
        assertTrue(notLearning.message().contains("is at chance level 2.30 (ln 10, 10 classes) and not decreasing"),
                notLearning.message());

        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 5e-2).weight(1, 1e-3, 3e-3).loss(0.8).build());

        List<Verdict> regraded = f.diagnoses.stream().flatMap(d -> d.regraded().stream())
                .filter(v -> v.problem() == Problem.LEARNING_RATE_TOO_HIGH).toList();
        assertEquals(1, regraded.size(), "one severity change: " + regraded);
        assertEquals(Severity.NOTE, regraded.get(0).severity());
        assertEquals(Severity.NOTE, Feed.only(f.last(), Problem.LEARNING_RATE_TOO_HIGH).severity());
        assertEquals(1, f.ended(Problem.LOSS_NOT_DECREASING).size(), "not learning ends once, when the run learns");
        // the recent half's median falls at the third low report; then three reports in a row must agree
        int firstLearning = 10 + 2 + LearningProgress.HOLD_REPORTS - 1;
        Diagnosis atChange = f.diagnoses.get(firstLearning);
        assertEquals(List.of(Problem.LEARNING_RATE_TOO_HIGH), atChange.regraded().stream().map(Verdict::problem).toList(),
                "the change comes with the report where the run is judged learning");
    }

    @Test
    void notLearning_isNotResolvedByOneGoodReport() {
        Feed f = tenClasses();
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 1e-3).weight(1, 1e-3, 1e-3).loss(2.31).build());
        f.feed(1, 10, it -> FakeReports.at(it).weight(0, 1e-3, 1e-3).weight(1, 1e-3, 1e-3).loss(0.5).build());
        f.feed(5, 10, it -> FakeReports.at(it).weight(0, 1e-3, 1e-3).weight(1, 1e-3, 1e-3).loss(2.31).build());
        assertEquals(1, f.started(Problem.LOSS_NOT_DECREASING).size());
        assertTrue(f.ended(Problem.LOSS_NOT_DECREASING).isEmpty(), "still at chance: never resolved");
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Verdict;
import io.gradwatch.stats.ArrayStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gradwatch.report.Verdict.Problem.DEAD_UNITS;
import static io.gradwatch.report.Verdict.Problem.LEARNING_RATE_TOO_HIGH;
import static io.gradwatch.report.Verdict.Problem.LEARNING_RATE_TOO_LOW;
import static io.gradwatch.report.Verdict.Problem.SATURATED_UNITS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationAndLearningRateTest {

    @Test
    void whenMostReluUnitsAreDeadThroughTheWindow_deadUnitsWithPercentAndUnitCount() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).activation(0, "relu", 0.1, Double.NaN)
                .activation(1, "relu", 0.9, Double.NaN).build());
        Verdict v = Feed.only(d, DEAD_UNITS);
        assertEquals("layer1", v.subject());
        assertEquals(0.9, v.measured());
        assertTrue(v.message().startsWith("layer1: 90% of its 64 relu units output 0 for every example of the "
                + "minibatch (median over the last 100 iterations): dead units (threshold 50%)."), v.message());
    }

    @Test
    void whenDeadFractionSpikesInFewReports_noVerdict() {
        Feed f = new Feed();
        f.feed(20, 10, it -> FakeReports.at(it).activation(0, "relu", it % 50 == 0 ? 1.0 : 0.2, Double.NaN).build());
        assertTrue(f.started(DEAD_UNITS).isEmpty());
    }

    @Test
    void deadUnits_hysteresis_holdsInTheBandAndEndsBelowIt() {
        Feed f = new Feed();
        f.feed(10, 10, it -> FakeReports.at(it).activation(0, "relu", 0.6, Double.NaN).build());
        f.feed(10, 10, it -> FakeReports.at(it).activation(0, "relu", 0.45, Double.NaN).build());
        assertEquals(List.of("layer0"), Feed.subjects(f.last(), DEAD_UNITS));
        f.feed(10, 10, it -> FakeReports.at(it).activation(0, "relu", 0.3, Double.NaN).build());
        assertEquals(1, f.ended(DEAD_UNITS).size());
        assertEquals(1, f.started(DEAD_UNITS).size());
    }

    @Test
    void whenMostTanhOutputsArePinned_saturatedUnitsNamesBothAsymptotes() {
        Feed f = new Feed();
        ArrayStats tanh = new ArrayStats(2048, 40, 0.9, 0.9, 1, -1, 1, 0, 0.9, 0, 0, 0);
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).activation(2, "tanh", Double.NaN, 0.85, tanh).build());
        Verdict v = Feed.only(d, SATURATED_UNITS);
        assertEquals("layer2", v.subject());
        assertTrue(v.message().startsWith("layer2: 85% of its tanh outputs are within 0.01 of -1 or 1 (median over "
                + "the last 100 iterations): saturated units (threshold 50%)."), v.message());
    }

    @Test
    void whenActivationAdmitsNeitherCheck_noActivationVerdicts() {
        Feed f = new Feed();
        f.feed(12, 10, it -> FakeReports.at(it).activation(0, "identity", Double.NaN, Double.NaN).build());
        assertTrue(f.last().active().isEmpty());
    }

    @Test
    void whenUpdateRatioIsPersistentlyHigh_learningRateTooHigh() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 5e-2).weight(1, 1e-3, 3e-3).build());
        Verdict v = Feed.only(d, LEARNING_RATE_TOO_HIGH);
        assertEquals("layer0/W", v.subject());
        assertEquals(5e-2, v.measured(), 1e-12);
        assertTrue(v.message().startsWith("layer0/W: update:weight ratio 5.0e-02 (median over the last 100 iterations) "
                + "is above the useful range [1.0e-04, 1.0e-02], 0.7 decades past 1.0e-02; each step changes its weights "
                + "by 5.0% of their size (rule of thumb about 0.1%). The learning rate is too high for this layer; the "
                + "run learns"), v.message());
        assertEquals(Verdict.Severity.NOTE, v.severity(), "the loss falls: a note, not a warning (issue 10)");
    }

    @Test
    void learningRateTooHigh_holdsInTheMarginWithHonestWords_andEndsBelowIt() {
        Feed f = new Feed();
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 5e-2).build());
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 7e-3).build());
        Verdict v = Feed.only(f.last(), LEARNING_RATE_TOO_HIGH);
        assertTrue(v.message().contains("ratio 7.0e-03 (median over the last 100 iterations) is back below 1.0e-02 but "
                + "not yet below 5.0e-03, where this verdict ends;"), v.message());
        assertTrue(v.message().contains("The learning rate was too high") && !v.message().contains("is too high"),
                "never 'back inside' and 'too high' at once: " + v.message());
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 3e-3).build());
        assertEquals(1, f.ended(LEARNING_RATE_TOO_HIGH).size());
        assertEquals(1, f.started(LEARNING_RATE_TOO_HIGH).size());
        Verdict end = f.ended(LEARNING_RATE_TOO_HIGH).get(0);
        assertTrue(end.ended() && end.endIteration() > end.firstIteration(), end.toString());
        assertTrue(end.message().contains("ended at iteration " + end.endIteration()), "an ending verdict says so: "
                + end.message());
    }

    @Test
    void whenUpdateRatioIsPersistentlyLow_learningRateTooLow_onEveryLayer() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 1e-5).weight(1, 1e-3, 2e-5).build());
        assertEquals(List.of("layer0/W", "layer1/W"), Feed.subjects(d, LEARNING_RATE_TOO_LOW));
    }

    @Test
    void whenLossIsFlat_learningRateTooHighIsAWarning_andTheLossVerdictToo() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-3, 5e-2).weight(1, 1e-3, 3e-3).loss(2.3)
                .build());
        assertEquals(Verdict.Severity.WARNING, Feed.only(d, LEARNING_RATE_TOO_HIGH).severity());
        Verdict loss = Feed.only(d, io.gradwatch.report.Verdict.Problem.LOSS_NOT_DECREASING);
        assertEquals("layer1", loss.layer());
        assertEquals(Verdict.Severity.WARNING, loss.severity());
    }

    @Test
    void whenGradientIsAllZero_noLearningRateTooLow_butAllZeroGradient() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).parameter(0, "W", FakeReports.stats(0),
                FakeReports.stats(1e-7), FakeReports.stats(0.1), 1e-6).weight(1, 1e-3, 3e-3).build());
        assertTrue(f.started(LEARNING_RATE_TOO_LOW).isEmpty(), d.active().toString());
        assertEquals(List.of("layer0/W"), Feed.subjects(d, io.gradwatch.report.Verdict.Problem.ALL_ZERO_GRADIENT));
    }

    @Test
    void whenUpdatesAreOff_noLearningRateVerdict() {
        Feed f = new Feed();
        f.feed(12, 10, it -> FakeReports.at(it).gradientOnly(0, 1e-3).gradientOnly(1, 1e-3).build());
        assertTrue(f.last().active().isEmpty());
    }

    @Test
    void verdicts_areOrderedByProblemThenDepth() {
        Feed f = new Feed();
        Diagnosis d = f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-8, 1e-3).weight(1, 1e-3, 5e-2)
                .weight(2, 1e-3, 5e-2).activation(1, "relu", 0.9, Double.NaN).build());
        assertEquals(List.of("VANISHING_GRADIENT:layer0/W", "DEAD_UNITS:layer1", "LEARNING_RATE_TOO_HIGH:layer1/W",
                "LEARNING_RATE_TOO_HIGH:layer2/W"), d.active().stream().map(Verdict::key).toList());
    }
}

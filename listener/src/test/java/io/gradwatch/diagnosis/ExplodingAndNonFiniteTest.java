package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gradwatch.report.Verdict.Problem.EXPLODING_GRADIENT;
import static io.gradwatch.report.Verdict.Problem.NON_FINITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplodingAndNonFiniteTest {

    /** Layer 0 gradient RMS growing tenfold per report, from 1e-3. */
    private static StepReport growing(long it) {
        return FakeReports.net(it, 1e-3 * Math.pow(10, it), 1e-3);
    }

    @Test
    void whenGradientGrowsFourDecades_explodingStartsWithTheGrowthAndItsStart() {
        // explodingRms 100: the level rule stays out of it; growth counts up to RMS 10 (one decade below it)
        Feed f = new Feed(DiagnosisThresholds.builder().explodingRms(1e2).windowReports(5).build());
        f.feed(4, 1, ExplodingAndNonFiniteTest::growing); // 1e-3 ... 1e0: three decades, the window not yet full
        assertTrue(f.started(EXPLODING_GRADIENT).isEmpty());

        Diagnosis d = f.feed(growing(4)); // 1e1: four decades above iteration 0, the window full
        Verdict v = Feed.only(d, EXPLODING_GRADIENT);
        assertEquals("layer0/W", v.subject());
        assertEquals(4, v.firstIteration());
        assertEquals(4.0, v.measured(), 1e-9);
        assertTrue(v.message().startsWith("layer0/W: gradient RMS 1.0e+01 is 4.0 decades above its smallest value in "
                + "the window (1.0e-03 at iteration 0, 4 iterations earlier); past the threshold 4.00 decades; total "
                + "gradient norm 1.0e+00: exploding gradient. Common remedies: lower the learning rate, clip gradients"),
                v.message());
    }

    @Test
    void whenGradientGrowsFromNearZeroToSmall_itIsNotExploding() {
        // issue 22: a saturated layer's RMS coming back from 1e-11 to 1e-5 is six decades of growth, not large
        Feed f = new Feed();
        f.feed(10, 10, it -> FakeReports.net(it, it < 50 ? 1e-11 : 1e-5, 1e-3));
        f.feed(10, 10, it -> FakeReports.net(it, 1e-5, 1e-3));
        assertTrue(f.started(EXPLODING_GRADIENT).isEmpty(), f.last().toString());
    }

    @Test
    void whenGradientGrowsSlowly_noVerdict() {
        Feed f = new Feed();
        f.feed(30, 10, it -> FakeReports.net(it, 1e-4 * Math.pow(10, it / 100.0), 1e-3));
        assertTrue(f.started(EXPLODING_GRADIENT).isEmpty());
    }

    @Test
    void whenGradientIsVeryLarge_explodingStartsOnlyOnceTheWindowIsFull_withoutZeroGrowthWords() {
        Feed f = new Feed();
        f.feed(9, 1, it -> FakeReports.net(it, 2.0, 1.0));
        assertTrue(f.started(EXPLODING_GRADIENT).isEmpty(), "not before the window is full (issue 10)");
        Diagnosis d = f.feed(FakeReports.net(9, 2.0, 1.0));
        assertEquals(List.of("layer0/W", "layer1/W"), Feed.subjects(d, EXPLODING_GRADIENT));
        Verdict v = d.started().stream().filter(x -> x.problem() == EXPLODING_GRADIENT).findFirst().orElseThrow();
        assertTrue(v.message().contains("has been at least 1.0e+00 in each of the last 3 reports"), v.message());
        assertTrue(!v.message().contains("0.0 decades") && !v.message().contains("0 iterations"), v.message());
    }

    @Test
    void whenExplodingTurnsIntoNaN_explodingHolds_andNonFiniteStartsAtOnce() {
        Feed f = new Feed(DiagnosisThresholds.builder().windowReports(5).build());
        f.feed(5, 1, ExplodingAndNonFiniteTest::growing);
        StepReport nan = FakeReports.at(5).parameter(0, "W", FakeReports.nonFinite(7, 2), FakeReports.nonFinite(9, 0),
                FakeReports.nonFinite(0, 3), Double.NaN).weight(1, 1e-3, 1e-3).loss(Double.NaN).build();

        Diagnosis d = f.feed(nan);

        assertEquals(List.of("layer0/W"), Feed.subjects(d, EXPLODING_GRADIENT), "exploding holds through NaN");
        Verdict v = Feed.only(d, NON_FINITE);
        assertEquals(List.of(v), d.started());
        assertEquals("layer0", v.layer());
        assertEquals("W", v.parameter());
        assertEquals(5, v.firstIteration());
        assertEquals(21, v.measured());
        assertTrue(v.message().startsWith("layer0: 21 non-finite values at iteration 5 (W gradient 7 NaN, 2 Inf; "
                + "W update 9 NaN; W weights 3 Inf), loss NaN: NaN/Inf. First non-finite values of this run: "
                + "iteration 5, layer0/W gradient."), v.message());
    }

    @Test
    void nonFinite_originFollowsTheOrderWithinAnIteration_activationsFirst() {
        Feed f = new Feed();
        StepReport r = FakeReports.at(7)
                .parameter(0, "W", FakeReports.nonFinite(1, 0), null, null, Double.NaN)
                .parameter(2, "W", FakeReports.nonFinite(1, 0), null, null, Double.NaN)
                .activation(1, "relu", 0, Double.NaN, FakeReports.nonFinite(0, 5))
                .build();

        Diagnosis d = f.feed(r);

        assertEquals(List.of("layer0/W", "layer1", "layer2/W"), Feed.subjects(d, NON_FINITE));
        assertNull(d.active().get(1).parameter(), "activations have no parameter");
        d.active().forEach(v -> assertTrue(v.message().contains("First non-finite values of this run: iteration 7, "
                + "layer1 activations."), v.message()));
    }

    @Test
    void nonFinite_endsAfterCleanReports_keepingItsParameter() {
        DiagnosisThresholds t = DiagnosisThresholds.builder().nonFiniteClearReports(3).build();
        Feed f = new Feed(t);
        f.feed(FakeReports.at(0).parameter(0, "b", FakeReports.nonFinite(1, 0), null, null, Double.NaN).build());
        f.feed(FakeReports.at(1).parameter(0, "W", FakeReports.nonFinite(1, 0), null, null, Double.NaN).build());
        assertEquals(List.of("layer0/b"), Feed.subjects(f.last(), NON_FINITE), "the key stays the same");
        assertEquals(1, f.started(NON_FINITE).size());

        f.feed(2, 1, it -> FakeReports.net(it, 1e-3, 1e-3));
        assertTrue(f.ended(NON_FINITE).isEmpty());
        f.feed(FakeReports.net(4, 1e-3, 1e-3));
        assertEquals(1, f.ended(NON_FINITE).size());
        assertEquals("layer0/b", f.ended(NON_FINITE).get(0).subject());
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gradwatch.report.Verdict.Problem.LEARNING_RATE_TOO_LOW;
import static io.gradwatch.report.Verdict.Problem.VANISHING_GRADIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VanishingRuleTest {

    @Test
    void whenLayerIsFourDecadesBelowOutput_verdictStartsOnceTheWindowIsFull() {
        Feed f = new Feed();
        f.feed(9, 10, it -> FakeReports.net(it, 1e-7, 1e-5, 1e-4, 1e-3));
        assertTrue(f.last().active().isEmpty(), "no windowed verdict before the window is full");

        Diagnosis d = f.feed(FakeReports.net(90, 1e-7, 1e-5, 1e-4, 1e-3));

        assertEquals(List.of("layer0/W"), Feed.subjects(d, VANISHING_GRADIENT));
        Verdict v = d.started().get(0);
        assertEquals(90, v.firstIteration());
        assertEquals(4.0, v.measured(), 1e-9);
        assertEquals("layer0/W: gradient RMS 1.0e-07 is 4.0 decades below the output layer layer3/W (1.0e-03) "
                + "over the last 100 iterations (medians); past the threshold 3.00 decades: vanishing gradient. Common remedies: relu-like "
                + "activations, Xavier/He initialisation, batch normalisation.", v.message());
    }

    @Test
    void whenVerdictHolds_itStartsOnlyOnceAndKeepsItsFirstIteration() {
        Feed f = new Feed();
        f.feed(30, 10, it -> FakeReports.net(it, 1e-7, 1e-5, 1e-4, 1e-3));
        assertEquals(1, f.started(VANISHING_GRADIENT).size());
        assertEquals(90, Feed.only(f.last(), VANISHING_GRADIENT).firstIteration());
        assertTrue(f.last().started().isEmpty());
    }

    @Test
    void whenBelowThreshold_noVerdict() {
        Feed f = new Feed();
        f.feed(20, 10, it -> FakeReports.net(it, 3.2e-6, 1e-5, 1e-4, 1e-3)); // 2.5 decades
        assertTrue(f.started(VANISHING_GRADIENT).isEmpty());
    }

    @Test
    void whenOneNoisyReportIsFarBelow_noVerdict() {
        Feed f = new Feed();
        f.feed(20, 10, it -> FakeReports.net(it, it == 100 ? 1e-9 : 1e-4, 1e-4, 1e-4, 1e-3));
        assertTrue(f.started(VANISHING_GRADIENT).isEmpty());
    }

    @Test
    void whenMedianFallsIntoTheHysteresisBand_verdictHolds_andEndsOnlyBelowIt() {
        Feed f = new Feed();
        f.feed(10, 10, it -> FakeReports.net(it, 6.3e-7, 1e-4, 1e-4, 1e-3)); // 3.2 decades: starts
        assertEquals(1, f.started(VANISHING_GRADIENT).size());
        f.feed(20, 10, it -> FakeReports.net(it, 1.41e-6, 1e-4, 1e-4, 1e-3)); // 2.85 decades: inside the band
        assertEquals(List.of("layer0/W"), Feed.subjects(f.last(), VANISHING_GRADIENT));
        assertTrue(f.ended(VANISHING_GRADIENT).isEmpty());
        assertEquals(2.85, Feed.only(f.last(), VANISHING_GRADIENT).measured(), 0.01, "numbers are refreshed");

        f.feed(20, 10, it -> FakeReports.net(it, 1e-5, 1e-4, 1e-4, 1e-3)); // 2.0 decades: ends
        assertEquals(1, f.ended(VANISHING_GRADIENT).size());
        assertEquals(1, f.started(VANISHING_GRADIENT).size(), "no flapping");
        assertTrue(f.last().active().isEmpty());
    }

    @Test
    void whenUpdateRatioIsFarBelowOutputs_verdictSaysSoWithTheRatio() {
        Feed f = new Feed();
        // gradients within a decade, but the layer's updates are 4 decades smaller relative to its weights
        f.feed(10, 10, it -> FakeReports.at(it).weight(0, 1e-4, 1e-7).weight(1, 1e-3, 1e-3).build());
        Verdict v = Feed.only(f.last(), VANISHING_GRADIENT);
        assertEquals("layer0/W", v.subject());
        assertEquals(4.0, v.measured(), 1e-9);
        assertTrue(v.message().startsWith("layer0/W: update:weight ratio 1.0e-07 is 4.0 decades below the output "
                + "layer layer1/W (1.0e-03) and below 1.0e-04 over the last 100 iterations"), v.message());
    }

    @Test
    void whenLayerVanishes_learningRateTooLowIsNotSaidAboutIt() {
        Feed f = new Feed();
        f.feed(12, 10, it -> FakeReports.at(it).weight(0, 1e-8, 1e-6).weight(1, 1e-3, 1e-3).build());
        assertEquals(List.of("layer0/W"), Feed.subjects(f.last(), VANISHING_GRADIENT));
        assertTrue(f.started(LEARNING_RATE_TOO_LOW).isEmpty(), f.last().toString());
    }

    @Test
    void whenGradientIsExactlyZero_noVanishingVerdict() {
        Feed f = new Feed();
        f.feed(12, 10, it -> FakeReports.net(it, 0.0, 1e-3, 1e-3));
        assertTrue(f.started(VANISHING_GRADIENT).isEmpty());
    }

    @Test
    void windowInReports_spansTheSamplingInterval() {
        Feed f = new Feed();
        f.feed(10, 1, it -> FakeReports.net(it, 1e-7, 1e-3));
        assertTrue(Feed.only(f.last(), VANISHING_GRADIENT).message().contains("over the last 10 iterations"));
    }
}

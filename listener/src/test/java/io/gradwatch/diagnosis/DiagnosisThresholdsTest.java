package io.gradwatch.diagnosis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisThresholdsTest {

    @Test
    void defaults_areTheDocumentedValues() {
        DiagnosisThresholds t = DiagnosisThresholds.defaults();
        assertEquals(10, t.windowReports());
        assertEquals(3.0, t.vanishingDecades());
        assertEquals(4.0, t.explodingGrowthDecades());
        assertEquals(1.0, t.explodingRms());
        assertEquals(0.5, t.deadFraction());
        assertEquals(0.5, t.saturatedFraction());
        assertEquals(1e-4, t.updateRatioLow());
        assertEquals(1e-2, t.updateRatioHigh());
        assertEquals(0.3, t.hysteresisDecades());
        assertEquals(0.1, t.hysteresisFraction());
        assertEquals(10, t.nonFiniteClearReports());
    }

    @Test
    void builder_setsEveryOption() {
        DiagnosisThresholds t = DiagnosisThresholds.builder().windowReports(5).vanishingDecades(2).explodingGrowthDecades(4)
                .explodingRms(10).deadFraction(0.8).saturatedFraction(0.7).updateRatioRange(1e-5, 1e-1)
                .hysteresisDecades(0.2).hysteresisFraction(0.05).nonFiniteClearReports(3).build();
        assertEquals(new DiagnosisThresholds(5, 2, 4, 10, 0.8, 0.7, 1e-5, 1e-1, 0.2, 0.05, 3), t);
        assertEquals(t, t.toBuilder().build());
    }

    @Test
    void windowReports_belowTwo_isRejectedWithTheLimit() {
        var e = assertThrows(IllegalArgumentException.class, () -> DiagnosisThresholds.builder().windowReports(1));
        assertEquals("windowReports(1): must be at least 2", e.getMessage());
    }

    @Test
    void vanishingDecades_notPositive_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> DiagnosisThresholds.builder().vanishingDecades(0));
        assertEquals("vanishingDecades(0.0): must be a finite number above 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiagnosisThresholds.builder().vanishingDecades(Double.NaN));
    }

    @Test
    void deadFraction_outsideZeroOne_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> DiagnosisThresholds.builder().deadFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> DiagnosisThresholds.builder().saturatedFraction(0));
    }

    @Test
    void updateRatioRange_lowNotBelowHigh_isRejectedWithAnExample() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DiagnosisThresholds.builder().updateRatioRange(1e-2, 1e-4));
        assertTrue(e.getMessage().contains("low must be below high, e.g. (1e-4, 1e-2)"), e.getMessage());
    }

    @Test
    void build_hysteresisWiderThanThreshold_isRejected() {
        var b = DiagnosisThresholds.builder().vanishingDecades(0.2);
        var e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith("hysteresisDecades (0.3) must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DiagnosisThresholds.builder().deadFraction(0.05).build());
    }
}

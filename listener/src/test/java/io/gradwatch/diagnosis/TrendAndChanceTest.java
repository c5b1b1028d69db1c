package io.gradwatch.diagnosis;

import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendAndChanceTest {

    @Test
    void mannKendall_ofAStrictlyFallingSeries_isItsExtreme() {
        // 10 values, every pair falling: S = -45, Var(S) = 10 * 9 * 25 / 18 = 125, z = (S + 1) / sqrt(125)
        double[] v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(-44 / Math.sqrt(125), Trend.z(v), 1e-12);
        assertTrue(Trend.decreasing(Trend.z(v)));
    }

    @Test
    void mannKendall_ofAConstantSeries_isZero_andOfTooFewValues_unknown() {
        assertEquals(0, Trend.z(new double[]{2, 2, 2, 2, 2, 2, 2, 2}));
        assertTrue(Double.isNaN(Trend.z(new double[]{3, 2, 1})));
    }

    @Test
    void mannKendall_ofOneOutlierAtTheStart_isNotADecrease() {
        // a high first value against 9 flat ones: S = -9 of 45 possible, far from significant
        double[] v = {5, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(-8 / Math.sqrt(125), Trend.z(v), 1e-12);
        assertTrue(!Trend.decreasing(Trend.z(v)));
    }

    @Test
    void chanceLevel_ofClassificationLosses() {
        assertEquals(Math.log(10), ChanceLevel.of("LossMCXENT", "softmax", 10).value(), 1e-12);
        assertEquals(Math.log(4), ChanceLevel.of("LossNegativeLogLikelihood", "softmax", 4).value(), 1e-12);
        assertEquals(3 * Math.log(2), ChanceLevel.of("LossBinaryXENT", "sigmoid", 3).value(), 1e-12);
        assertEquals("ln 4, 4 classes", ChanceLevel.of("LossMCXENT", "softmax", 4).words());
        assertEquals(Math.log(10), ChanceLevel.of("softmax_cross_entropy_loss", "none", 10).value(), 1e-12);
        assertNull(ChanceLevel.of("LossMSE", "identity", 3));
        assertNull(ChanceLevel.of("LossMCXENT", "identity", 10), "no softmax: not a probability over classes");
    }

    @Test
    void chanceLevel_fromTheSession_isTheOutputLayers_butNotForRecurrentOutputs() {
        LayerInfo dense = new LayerInfo("layer0", 0, "DenseLayer", "relu", List.of());
        LayerInfo out = new LayerInfo("layer1", 1, "OutputLayer", "softmax", List.of(),
                new LayerInfo.OutputLoss("LossMCXENT", 10));
        LayerInfo rnn = new LayerInfo("layer1", 1, "RnnOutputLayer", "softmax", List.of(),
                new LayerInfo.OutputLoss("LossMCXENT", 3));
        assertEquals(Math.log(10), ChanceLevel.of(session(dense, out)).value(), 1e-12);
        assertNull(ChanceLevel.of(session(dense, rnn)), "DL4J sums a recurrent output's loss over time steps");
        assertNull(ChanceLevel.of(session(dense)));
    }

    private static SessionInfo session(LayerInfo... layers) {
        return new SessionInfo("s", "0", 0, "MultiLayerNetwork", List.of(layers), GradientScale.MEAN_LOSS, Map.of(), "{}");
    }
}

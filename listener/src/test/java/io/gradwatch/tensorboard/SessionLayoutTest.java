package io.gradwatch.tensorboard;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionLayoutTest {

    private static final ArrayStats STATS = new ArrayStats(4, 2, 1, 1, 1, -1, 1, 0, 1, 0, 0, 0);
    private static final SessionInfo SESSION = new SessionInfo("s", "0", 0, "MultiLayerNetwork", List.of(
            new LayerInfo("dense", 0, "DenseLayer", "relu", List.of(new LayerInfo.ParameterInfo("W", 4, List.of(2L, 2L)))),
            new LayerInfo("out", 1, "OutputLayer", "softmax", List.of(new LayerInfo.ParameterInfo("W", 4, List.of(2L, 2L))))),
            GradientScale.MEAN_LOSS, Map.of(), "{}");

    private static StepReport first(boolean updates, double deadFraction) {
        List<ParameterReport> ps = List.of(parameter("dense", 0, updates), parameter("out", 1, updates));
        List<ActivationReport> as = List.of(new ActivationReport("dense", 0, "relu", STATS, deadFraction, Double.NaN, null));
        return new StepReport("s", "0", 0, 0, 0, 2.3, 8, GradientScale.MEAN_LOSS, 1, ps, as, false,
                new Overhead(0, 0, 0, 0, 0), Diagnosis.none());
    }

    private static ParameterReport parameter(String layer, int index, boolean updates) {
        return new ParameterReport(layer, "W", index, STATS, updates ? STATS : null, updates ? STATS : null,
                updates ? 1e-3 : Double.NaN, null, null, null);
    }

    private static List<String> titles(CustomScalarsLayout layout) {
        return layout.categories().get(0).charts().stream().map(CustomScalarsLayout.Chart::title)
                .map(t -> t.replaceAll(" \\(.*", "")).toList();
    }

    @Test
    void layout_whenNoActivationOrUpdateIsMeasured_declaresNoChartForThem() {
        assertEquals(List.of("loss", "log10 of the gradient RMS, every layer", "gradient RMS, every layer", "gradient total norm", "NaN and Inf counts"),
                titles(SessionLayout.layout(SESSION, first(false, Double.NaN))));
    }

    @Test
    void layout_whenActivationsAndUpdatesAreMeasured_declaresTheirCharts() {
        assertEquals(List.of("loss", "log10 of the gradient RMS, every layer", "gradient RMS, every layer",
                        "update:weight ratio, every layer", "gradient total norm",
                        "activations: dead and saturated fraction", "NaN and Inf counts"),
                titles(SessionLayout.layout(SESSION, first(true, 0.25))));
    }
}

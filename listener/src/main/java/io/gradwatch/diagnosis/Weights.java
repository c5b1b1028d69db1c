package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;

/** The parameters the gradient rules judge: weight matrices and kernels (DL4J key {@code W}), not biases. */
final class Weights {

    private Weights() {
    }

    static boolean isWeight(ParameterReport p) {
        return "W".equals(p.parameter());
    }

    /** The output layer's weights: the weight parameter with the highest layer index, or null. */
    static ParameterReport output(StepReport report) {
        ParameterReport out = null;
        for (ParameterReport p : report.parameters()) {
            if (isWeight(p) && (out == null || p.layerIndex() > out.layerIndex())) {
                out = p;
            }
        }
        return out;
    }

    /** log10 of a positive finite value, NaN otherwise (zero, negative, NaN, infinite). */
    static double log10(double v) {
        return v > 0 && Double.isFinite(v) ? Math.log10(v) : Double.NaN;
    }
}

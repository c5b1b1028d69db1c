package io.gradwatch.listener;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.stats.Statistics;

/** Dead and saturated units of one layer output (a [batch, units...] array copied in row-major order). */
final class ActivationHealth {

    private ActivationHealth() {
    }

    static ActivationReport report(ModelLayout.ActivationSlot slot, float[] values, int batchSize, boolean histogram) {
        Statistics.Analysis a = Statistics.analyse(values, 0, values.length, 1f, histogram);
        double dead = switch (slot.kind()) {
            case RELU_LIKE -> deadFraction(values, batchSize, false);
            case LEAKY_RELU -> deadFraction(values, batchSize, true);
            default -> Double.NaN;
        };
        double saturated = switch (slot.kind()) {
            case SIGMOID_LIKE -> saturatedFraction(values, 0.0, 1.0);
            case TANH_LIKE -> saturatedFraction(values, -1.0, 1.0);
            default -> Double.NaN;
        };
        return new ActivationReport(slot.layer(), slot.layerIndex(), slot.activation(), a.stats(), dead, saturated,
                a.histogram());
    }

    /**
     * Fraction of units (positions within one example) that are exactly 0 for every example of the
     * batch, or with {@code leaky} negative or 0 for every example (stuck in leaky ReLU's leaky part).
     * NaN when the array cannot be split into {@code batchSize} equal rows.
     */
    static double deadFraction(float[] values, int batchSize, boolean leaky) {
        if (batchSize <= 0 || values.length == 0 || values.length % batchSize != 0) {
            return Double.NaN;
        }
        int units = values.length / batchSize;
        boolean[] alive = new boolean[units];
        for (int row = 0; row < batchSize; row++) {
            int base = row * units;
            for (int u = 0; u < units; u++) {
                float v = values[base + u];
                if (leaky ? v > 0f : v != 0f) {
                    alive[u] = true;
                }
            }
        }
        int dead = 0;
        for (boolean a : alive) {
            if (!a) {
                dead++;
            }
        }
        return (double) dead / units;
    }

    /** Fraction of values within {@link ActivationReport#SATURATION_MARGIN} of {@code low} or {@code high}. */
    static double saturatedFraction(float[] values, double low, double high) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double lowLimit = low + ActivationReport.SATURATION_MARGIN;
        double highLimit = high - ActivationReport.SATURATION_MARGIN;
        long saturated = 0;
        for (float v : values) {
            if (v <= lowLimit || v >= highLimit) {
                saturated++;
            }
        }
        return (double) saturated / values.length;
    }
}

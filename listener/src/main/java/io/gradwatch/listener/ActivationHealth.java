package io.gradwatch.listener;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.stats.Statistics;

/**
 * Dead and saturated units of one layer output: a [batch, units...] array copied in row-major order, or a
 * [batch, units] matrix in column-major order ({@code byUnit}: each unit's values for the batch contiguous).
 */
final class ActivationHealth {

    private ActivationHealth() {
    }

    static ActivationReport report(ModelLayout.ActivationSlot slot, float[] values, boolean byUnit, int batchSize,
                                   boolean histogram) {
        Statistics.Analysis a = Statistics.analyse(values, 0, values.length, 1f, histogram);
        double dead = switch (slot.kind()) {
            case RELU_LIKE -> deadFraction(values, byUnit, batchSize, false);
            case LEAKY_RELU -> deadFraction(values, byUnit, batchSize, true);
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
    static double deadFraction(float[] values, boolean byUnit, int batchSize, boolean leaky) {
        if (batchSize <= 0 || values.length == 0 || values.length % batchSize != 0) {
            return Double.NaN;
        }
        int units = values.length / batchSize;
        // value (example b, unit u) sits at b * units + u row-major, at u * batchSize + b column-major
        int unitStride = byUnit ? batchSize : 1;
        int exampleStride = byUnit ? 1 : units;
        boolean[] alive = new boolean[units];
        for (int b = 0; b < batchSize; b++) {
            for (int u = 0; u < units; u++) {
                float v = values[b * exampleStride + u * unitStride];
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

package io.gradwatch.listener;

import java.util.Locale;

/**
 * The rolling window of accepted steps that recovery judges a new step against: their total gradient
 * norms and losses. A value is a spike when it lies more than {@code sigmas} standard deviations above
 * the window's mean and more than {@code ratio} times its median (healthy runs have their own bumps,
 * several times the median; the median is only worked out for a step past the first condition).
 * Confined to the training thread.
 */
final class StepWindow {

    private final double[] norms;
    private final double[] losses;
    private final int warmup;
    private final double sigmas;
    private final double ratio;
    private int count;
    private int next;

    StepWindow(int size, int warmup, double sigmas, double ratio) {
        this.norms = new double[size];
        this.losses = new double[size];
        this.warmup = warmup;
        this.sigmas = sigmas;
        this.ratio = ratio;
    }

    /** Why this step is bad, in words with its numbers, or null when it is acceptable. */
    String judge(double norm, double loss) {
        if (!Double.isFinite(norm)) {
            return "non-finite gradient (" + (Double.isNaN(norm) ? "NaN" : "Inf") + " in the gradient), loss "
                    + format(loss);
        }
        if (!Double.isFinite(loss)) {
            return "non-finite loss " + format(loss) + " (gradient norm " + format(norm) + ")";
        }
        if (count < warmup) {
            return null;
        }
        String spike = spike("gradient norm", norm, norms);
        return spike != null ? spike : spike("loss", loss, losses);
    }

    /** Adds an accepted step. */
    void accept(double norm, double loss) {
        norms[next] = norm;
        losses[next] = loss;
        next = (next + 1) % norms.length;
        count = Math.min(count + 1, norms.length);
    }

    private String spike(String what, double value, double[] values) {
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += values[i];
        }
        mean /= count;
        double var = 0;
        for (int i = 0; i < count; i++) {
            double d = values[i] - mean;
            var += d * d;
        }
        double std = Math.sqrt(var / (count - 1));
        double z = std > 0 ? (value - mean) / std : (value > mean ? Double.POSITIVE_INFINITY : 0);
        if (!(z > sigmas)) {
            return null;
        }
        double[] sorted = java.util.Arrays.copyOf(values, count);
        java.util.Arrays.sort(sorted);
        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        if (!(value > ratio * median)) {
            return null;
        }
        return String.format(Locale.ROOT, "%s %s is %s sigma above the last %d steps and %.0f times their median "
                        + "%s (thresholds %.1f sigma, %.0f times)", what, format(value),
                Double.isInfinite(z) ? "infinitely many" : String.format(Locale.ROOT, "%.0f", z), count,
                value / median, format(median), sigmas, ratio);
    }

    static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2e", v) : Double.toString(v);
    }
}

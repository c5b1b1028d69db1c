package io.gradwatch.diagnosis;

import java.util.Arrays;

/**
 * The Mann-Kendall rank test for a monotonic trend: S counts, over every pair of reports, whether the
 * later value is above (+1) or below (-1) the earlier one. On a flat series of independent noise S is
 * centred on 0 with variance n(n-1)(2n+5)/18 whatever the noise's size, so a z-score below
 * {@link #DECREASING_Z} (one-sided p < 1%) is a decrease that noise alone rarely produces.
 */
final class Trend {

    /** One-sided 1% level of the standard normal: a flat noisy series passes about one window in a hundred. */
    static final double DECREASING_Z = -2.33;
    /** Fewest finite values the test is run on. */
    static final int MIN_VALUES = 8;

    private Trend() {
    }

    /** The Mann-Kendall z-score of the finite values (continuity-corrected); NaN when fewer than {@link #MIN_VALUES}. */
    static double z(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = v.length;
        if (n < MIN_VALUES) {
            return Double.NaN;
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(v[j], v[i]) > 0 ? 1 : v[j] < v[i] ? -1 : 0;
            }
        }
        double sd = Math.sqrt(n * (n - 1.0) * (2 * n + 5) / 18);
        return s == 0 ? 0 : (s - Math.signum(s)) / sd;
    }

    static boolean decreasing(double z) {
        return z <= DECREASING_Z;
    }
}

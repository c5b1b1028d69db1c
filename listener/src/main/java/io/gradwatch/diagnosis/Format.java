package io.gradwatch.diagnosis;

import java.util.Locale;

/** Number formats of the verdict messages. */
final class Format {

    private Format() {
    }

    /** Two significant digits in scientific notation, e.g. 5.2e-07; NaN and infinities spelled out. */
    static String sci(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    /** Three significant digits, e.g. 2.30 or 0.0521. */
    static String sig(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : sci(v);
    }

    /** One decimal, e.g. 4.1. */
    static String dec(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A fraction as a whole percentage, e.g. 98%. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** A ratio as a percentage with two significant digits, e.g. 1.1% or 0.0093%. */
    static String percentOfSize(double ratio) {
        return String.format(Locale.ROOT, "%.2g%%", ratio * 100);
    }

    /**
     * {@code v} in scientific notation with as many digits as it takes to tell it apart from {@code other}
     * (a ratio just below 1.0e-04 prints as 9.97e-05 or 1.00e-04 is never said to be "below 1.0e-04").
     */
    static String sciApart(double v, double other) {
        for (int digits = 1; digits <= 6; digits++) {
            String a = String.format(Locale.ROOT, "%." + digits + "e", v);
            if (!a.equals(String.format(Locale.ROOT, "%." + digits + "e", other))) {
                return a;
            }
        }
        return sci(v);
    }

    /** A positive distance in decades with one decimal, or two significant digits when that would read 0.0. */
    static String decades(double d) {
        return d > 0 && d < 0.05 ? String.format(Locale.ROOT, "%.2g", d) : dec(d);
    }
}

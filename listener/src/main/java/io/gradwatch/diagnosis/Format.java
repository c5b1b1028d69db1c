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
}

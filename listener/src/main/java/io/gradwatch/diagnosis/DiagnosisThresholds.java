package io.gradwatch.diagnosis;

/**
 * Thresholds of the standard diagnosis, as an immutable value. Build one with {@link #builder()};
 * {@link #defaults()} holds the documented defaults. Windowed verdicts start when the window's
 * median crosses a threshold and end only when it is back inside by the hysteresis margin, so that
 * a verdict does not flap on noise.
 *
 * @param windowReports           reports in the window every verdict except NaN/Inf rests on (default
 *                                {@value #DEFAULT_WINDOW_REPORTS}: 100 iterations at the default sampling interval
 *                                of 10, 10 iterations at {@code every(1)}); no windowed verdict before the window
 *                                is full
 * @param vanishingDecades        a weight's gradient RMS this many decades (powers of ten) below the output
 *                                layer's, as the window's median, is a vanishing gradient (default
 *                                {@value #DEFAULT_VANISHING_DECADES})
 * @param explodingGrowthDecades  a weight's gradient RMS this many decades above its smallest value in the
 *                                window is an exploding gradient (default {@value #DEFAULT_EXPLODING_GROWTH_DECADES})
 * @param explodingRms            a weight's gradient RMS at or above this, in every report of a short window
 *                                (a third of the window), is an exploding gradient (default
 *                                {@value #DEFAULT_EXPLODING_RMS})
 * @param deadFraction            a ReLU-like layer whose median fraction of dead units (zero for the whole
 *                                minibatch) reaches this has dead units (default {@value #DEFAULT_DEAD_FRACTION})
 * @param saturatedFraction       a sigmoid/tanh-like layer whose median fraction of outputs within 0.01 of an
 *                                asymptote reaches this is saturated (default {@value #DEFAULT_SATURATED_FRACTION})
 * @param updateRatioLow          a weight's median update:weight ratio below this means the learning rate is too
 *                                low for that layer (default {@value #DEFAULT_UPDATE_RATIO_LOW})
 * @param updateRatioHigh         a weight's median update:weight ratio above this means the learning rate is too
 *                                high for that layer (default {@value #DEFAULT_UPDATE_RATIO_HIGH})
 * @param hysteresisDecades       how far back inside a threshold measured in decades or ratios a median must come
 *                                before its verdict ends (default {@value #DEFAULT_HYSTERESIS_DECADES})
 * @param hysteresisFraction      the same for dead and saturated fractions (default
 *                                {@value #DEFAULT_HYSTERESIS_FRACTION})
 * @param nonFiniteClearReports   consecutive clean reports after which a NaN/Inf verdict ends (default
 *                                {@value #DEFAULT_NON_FINITE_CLEAR_REPORTS}); NaN/Inf verdicts start at once
 */
public record DiagnosisThresholds(int windowReports, double vanishingDecades, double explodingGrowthDecades,
                                  double explodingRms, double deadFraction, double saturatedFraction,
                                  double updateRatioLow, double updateRatioHigh, double hysteresisDecades,
                                  double hysteresisFraction, int nonFiniteClearReports) {

    public static final int DEFAULT_WINDOW_REPORTS = 10;
    public static final double DEFAULT_VANISHING_DECADES = 3.0;
    public static final double DEFAULT_EXPLODING_GROWTH_DECADES = 4.0;
    public static final double DEFAULT_EXPLODING_RMS = 1.0;
    public static final double DEFAULT_DEAD_FRACTION = 0.5;
    public static final double DEFAULT_SATURATED_FRACTION = 0.5;
    public static final double DEFAULT_UPDATE_RATIO_LOW = 1e-4;
    public static final double DEFAULT_UPDATE_RATIO_HIGH = 1e-2;
    public static final double DEFAULT_HYSTERESIS_DECADES = 0.3;
    public static final double DEFAULT_HYSTERESIS_FRACTION = 0.1;
    public static final int DEFAULT_NON_FINITE_CLEAR_REPORTS = 10;

    private static final DiagnosisThresholds DEFAULTS = builder().build();

    /** Validates every value and the pairs that must agree; prefer {@link #builder()}. */
    public DiagnosisThresholds {
        Builder.requireAtLeast("windowReports", windowReports, 2);
        Builder.requirePositive("vanishingDecades", vanishingDecades);
        Builder.requirePositive("explodingGrowthDecades", explodingGrowthDecades);
        Builder.requirePositive("explodingRms", explodingRms);
        Builder.requireFraction("deadFraction", deadFraction);
        Builder.requireFraction("saturatedFraction", saturatedFraction);
        Builder.requirePositive("updateRatioLow", updateRatioLow);
        Builder.requirePositive("updateRatioHigh", updateRatioHigh);
        if (updateRatioLow >= updateRatioHigh) {
            throw new IllegalArgumentException("updateRatioLow (" + updateRatioLow + ") must be below updateRatioHigh ("
                    + updateRatioHigh + "); the useful range is usually [1e-4, 1e-2]");
        }
        if (!(hysteresisDecades >= 0) || hysteresisDecades >= vanishingDecades) {
            throw new IllegalArgumentException("hysteresisDecades (" + hysteresisDecades
                    + ") must be at least 0 and below vanishingDecades (" + vanishingDecades + ")");
        }
        if (!(hysteresisFraction >= 0) || hysteresisFraction >= Math.min(deadFraction, saturatedFraction)) {
            throw new IllegalArgumentException("hysteresisFraction (" + hysteresisFraction
                    + ") must be at least 0 and below deadFraction and saturatedFraction");
        }
        Builder.requireAtLeast("nonFiniteClearReports", nonFiniteClearReports, 1);
    }

    /** The documented defaults. */
    public static DiagnosisThresholds defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these thresholds. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.windowReports = windowReports;
        b.vanishingDecades = vanishingDecades;
        b.explodingGrowthDecades = explodingGrowthDecades;
        b.explodingRms = explodingRms;
        b.deadFraction = deadFraction;
        b.saturatedFraction = saturatedFraction;
        b.updateRatioLow = updateRatioLow;
        b.updateRatioHigh = updateRatioHigh;
        b.hysteresisDecades = hysteresisDecades;
        b.hysteresisFraction = hysteresisFraction;
        b.nonFiniteClearReports = nonFiniteClearReports;
        return b;
    }

    /** Reports in the short window of the absolute exploding check: a third of the window, at least 1. */
    int shortWindowReports() {
        return Math.max(1, windowReports / 3);
    }

    /** Checks each option as it is set; {@link #build()} checks the options that must agree. */
    public static final class Builder {
        private int windowReports = DEFAULT_WINDOW_REPORTS;
        private double vanishingDecades = DEFAULT_VANISHING_DECADES;
        private double explodingGrowthDecades = DEFAULT_EXPLODING_GROWTH_DECADES;
        private double explodingRms = DEFAULT_EXPLODING_RMS;
        private double deadFraction = DEFAULT_DEAD_FRACTION;
        private double saturatedFraction = DEFAULT_SATURATED_FRACTION;
        private double updateRatioLow = DEFAULT_UPDATE_RATIO_LOW;
        private double updateRatioHigh = DEFAULT_UPDATE_RATIO_HIGH;
        private double hysteresisDecades = DEFAULT_HYSTERESIS_DECADES;
        private double hysteresisFraction = DEFAULT_HYSTERESIS_FRACTION;
        private int nonFiniteClearReports = DEFAULT_NON_FINITE_CLEAR_REPORTS;

        private Builder() {
        }

        public Builder windowReports(int reports) {
            this.windowReports = requireAtLeast("windowReports", reports, 2);
            return this;
        }

        public Builder vanishingDecades(double decades) {
            this.vanishingDecades = requirePositive("vanishingDecades", decades);
            return this;
        }

        public Builder explodingGrowthDecades(double decades) {
            this.explodingGrowthDecades = requirePositive("explodingGrowthDecades", decades);
            return this;
        }

        public Builder explodingRms(double rms) {
            this.explodingRms = requirePositive("explodingRms", rms);
            return this;
        }

        public Builder deadFraction(double fraction) {
            this.deadFraction = requireFraction("deadFraction", fraction);
            return this;
        }

        public Builder saturatedFraction(double fraction) {
            this.saturatedFraction = requireFraction("saturatedFraction", fraction);
            return this;
        }

        /** The useful update:weight range [low, high]; outside it, a learning-rate verdict. */
        public Builder updateRatioRange(double low, double high) {
            requirePositive("updateRatioRange low", low);
            requirePositive("updateRatioRange high", high);
            if (low >= high) {
                throw new IllegalArgumentException("updateRatioRange(" + low + ", " + high
                        + "): low must be below high, e.g. (1e-4, 1e-2)");
            }
            this.updateRatioLow = low;
            this.updateRatioHigh = high;
            return this;
        }

        public Builder hysteresisDecades(double decades) {
            if (!(decades >= 0) || Double.isInfinite(decades)) {
                throw new IllegalArgumentException("hysteresisDecades(" + decades + "): use a finite value >= 0");
            }
            this.hysteresisDecades = decades;
            return this;
        }

        public Builder hysteresisFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("hysteresisFraction(" + fraction + "): use a value in [0, 1)");
            }
            this.hysteresisFraction = fraction;
            return this;
        }

        public Builder nonFiniteClearReports(int reports) {
            this.nonFiniteClearReports = requireAtLeast("nonFiniteClearReports", reports, 1);
            return this;
        }

        /** The thresholds; throws IllegalArgumentException when the hysteresis margins do not fit the thresholds. */
        public DiagnosisThresholds build() {
            return new DiagnosisThresholds(windowReports, vanishingDecades, explodingGrowthDecades, explodingRms,
                    deadFraction, saturatedFraction, updateRatioLow, updateRatioHigh, hysteresisDecades,
                    hysteresisFraction, nonFiniteClearReports);
        }

        static int requireAtLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + "(" + value + "): must be at least " + min);
            }
            return value;
        }

        static double requirePositive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + "(" + value + "): must be a finite number above 0");
            }
            return value;
        }

        static double requireFraction(String name, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(name + "(" + value + "): must be a fraction in (0, 1]");
            }
            return value;
        }
    }
}

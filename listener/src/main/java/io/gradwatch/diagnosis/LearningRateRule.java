package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Learning rate, per weight parameter, from the window's median update:weight ratio: above
 * {@link DiagnosisThresholds#updateRatioHigh()} (too high) or below {@link DiagnosisThresholds#updateRatioLow()}
 * (too low), a rule of thumb (about 1e-3: each step moves the weights by a thousandth of their size);
 * beyond {@link #EXTREME_HIGH} or below {@link #EXTREME_LOW}, SageMaker Debugger's WeightUpdateRatio
 * defaults, an extreme ratio instead. Nothing is said about a layer whose gradient vanishes or is all
 * zero (those verdicts name the cause), nor about weights that do not move at all (the unchanging-
 * parameters rule). Needs updates ({@code updates(true)}).
 */
final class LearningRateRule implements Rule {

    /** SageMaker Debugger's WeightUpdateRatio default upper limit. */
    static final double EXTREME_HIGH = 10;
    /** SageMaker Debugger's WeightUpdateRatio default lower limit. */
    static final double EXTREME_LOW = 1e-8;

    /**
     * Ten times (one decade) outside the useful range in two reports in a row is overwhelming evidence: judged
     * before the window is full (a single first step can be large by design: Adam's first update is about the
     * learning rate for every weight, whatever the gradient).
     */
    static final double GROSS = 10;
    /**
     * Fifty times above the range (0.5 by default: a step as large as the weights themselves) is overwhelming at
     * the first report already. The ratio is taken against the weights after the step, so a step far larger than
     * the weights reads about 1 (measured: SGD at 10 on a CNN, Adam at 1.0: 0.96 to 1.0 at iteration 0).
     */
    static final double GROSS_AT_ONCE = 50;
    /** Reports the early judgement rests on. */
    static final int GROSS_REPORTS = 2;

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        DiagnosisThresholds t = context.thresholds();
        History h = context.history();
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p) || p.update() == null) {
                continue;
            }
            Key key = new Key(Measure.UPDATE_RATIO, p.name());
            h.put(key, p.updateRatio());
            if (context.early()) {
                early(context, p, h.last(key, GROSS_REPORTS), vanishingNow(report, p, t), out);
                continue;
            }
            double median = context.windowMedian(key);
            boolean quiet = median == 0 || context.windowMedian(new Key(Measure.GRADIENT_ZERO, p.name())) == 1
                    || context.active(Problem.VANISHING_GRADIENT, p.layer(), p.parameter()) != null;
            double band = Math.pow(10, t.hysteresisDecades());
            boolean extremeHigh = median > EXTREME_HIGH;
            boolean extremeLow = median > 0 && median < EXTREME_LOW;
            double m = quiet ? Double.NaN : median;
            out.add(quiet && median == 0 ? Finding.clear(Problem.EXTREME_UPDATE_RATIO, p.layer(), p.parameter(), p.layerIndex())
                    : Finding.judge(context, Problem.EXTREME_UPDATE_RATIO, p.layer(), p.parameter(), p.layerIndex(), m,
                    extremeHigh || extremeLow, median > EXTREME_HIGH / band || median < EXTREME_LOW * band,
                    past -> extreme(context, p, median, past)));
            boolean extreme = context.active(Problem.EXTREME_UPDATE_RATIO, p.layer(), p.parameter()) != null
                    || extremeHigh || extremeLow;
            double n = quiet || extreme ? Double.NaN : median;
            out.add(quiet || extreme ? Finding.clear(Problem.LEARNING_RATE_TOO_HIGH, p.layer(), p.parameter(), p.layerIndex())
                    : Finding.judge(context, Problem.LEARNING_RATE_TOO_HIGH, p.layer(), p.parameter(), p.layerIndex(), n,
                    median > t.updateRatioHigh(), median > t.updateRatioHigh() / band,
                    past -> message(context, p, true, median, past)));
            out.add(quiet || extreme ? Finding.clear(Problem.LEARNING_RATE_TOO_LOW, p.layer(), p.parameter(), p.layerIndex())
                    : Finding.judge(context, Problem.LEARNING_RATE_TOO_LOW, p.layer(), p.parameter(), p.layerIndex(), n,
                    median < t.updateRatioLow(), median < t.updateRatioLow() * band,
                    past -> message(context, p, false, median, past)));
        }
    }

    /**
     * Before the window is full: a ratio at least {@link #GROSS} times outside the range in each of the last
     * {@link #GROSS_REPORTS} reports, or {@link #GROSS_AT_ONCE} times at the first report, starts the verdict;
     * nothing ends before the window is full.
     */
    private static void early(Context context, ParameterReport p, double[] ratios, boolean vanishing,
                              List<Finding> out) {
        DiagnosisThresholds t = context.thresholds();
        double factor = ratios.length >= GROSS_REPORTS ? GROSS : GROSS_AT_ONCE;
        double high = t.updateRatioHigh() * factor;
        double low = t.updateRatioLow() / factor;
        boolean allHigh = ratios.length > 0;
        boolean allLow = ratios.length > 0;
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (double r : ratios) {
            allHigh &= r >= high;
            allLow &= r > 0 && r <= low && !vanishing;
            smallest = Math.min(smallest, r);
            largest = Math.max(largest, r);
        }
        for (Problem problem : new Problem[]{Problem.LEARNING_RATE_TOO_HIGH, Problem.LEARNING_RATE_TOO_LOW}) {
            boolean isHigh = problem == Problem.LEARNING_RATE_TOO_HIGH;
            if (isHigh ? allHigh : allLow) {
                double shown = isHigh ? smallest : largest;
                double limit = isHigh ? t.updateRatioHigh() : t.updateRatioLow();
                out.add(Finding.enter(problem, p.layer(), p.parameter(), p.layerIndex(), shown, p.name()
                        + ": update:weight ratio " + Format.sciApart(shown, isHigh ? high : low) + " at "
                        + (ratios.length == 1 ? "the first report" : "each of the first reports") + ", "
                        + Format.decades(Math.abs(Math.log10(shown / limit))) + " decades " + (isHigh ? "above " : "below ")
                        + "the useful range [" + Format.sci(t.updateRatioLow()) + ", " + Format.sci(t.updateRatioHigh())
                        + "] (judged at once at " + (int) factor + "x outside it): each step changes the weights by "
                        + Format.percentOfSize(shown) + " of their size (rule of thumb about 0.1%). The learning rate is "
                        + "far too " + (isHigh ? "high" : "low") + (isHigh ? "; lower it (by 10x or more), or clip gradients."
                        : "; raise it, and check the updater, its schedule and the L2/weight decay.")));
            } else {
                out.add(Finding.hold(problem, p.layer(), p.parameter(), p.layerIndex()));
            }
        }
    }

    /**
     * Whether this report alone shows the layer's gradient zero or vanishing (its RMS at least
     * {@link DiagnosisThresholds#vanishingDecades()} below the output layer's): a tiny ratio then has that cause,
     * not the learning rate, and the vanishing or all-zero verdicts will name it.
     */
    private static boolean vanishingNow(StepReport report, ParameterReport p, DiagnosisThresholds t) {
        ParameterReport output = Weights.output(report);
        double rms = p.gradient().rms();
        return rms == 0 || output != null && output != p
                && Weights.log10(output.gradient().rms()) - Weights.log10(rms) >= t.vanishingDecades();
    }

    private static String message(Context context, ParameterReport p, boolean high, double median, boolean past) {
        DiagnosisThresholds t = context.thresholds();
        double band = Math.pow(10, t.hysteresisDecades());
        double limit = high ? t.updateRatioHigh() : t.updateRatioLow();
        String where = past ? (high ? "above " : "below ") + "the useful range [" + Format.sci(t.updateRatioLow()) + ", "
                + Format.sci(t.updateRatioHigh()) + "], " + Format.decades(Math.abs(Math.log10(median / limit)))
                + " decades past " + Format.sci(limit)
                : "back " + (high ? "below " : "above ") + Format.sci(limit) + " but not yet "
                + (high ? "below " + Format.sci(limit / band) : "above " + Format.sci(limit * band))
                + ", where this verdict ends";
        return p.name() + ": update:weight ratio " + Format.sciApart(median, limit) + " (median over " + context.windowWords()
                + ") is " + where + "; each step changes its weights by " + Format.percentOfSize(median)
                + " of their size (rule of thumb about 0.1%). The learning rate " + (past ? "is" : "was")
                + " too " + (high ? "high" : "low") + " for this layer; " + context.progress().words() + ". "
                + (high ? "If the loss stalls or jumps: a lower learning rate (or a schedule with warm-up), gradient clipping."
                        : "If the loss stalls: a higher learning rate; check the updater, its schedule and the L2/weight decay.");
    }

    private static String extreme(Context context, ParameterReport p, double median, boolean past) {
        boolean high = median > 1;
        double limit = high ? EXTREME_HIGH : EXTREME_LOW;
        return p.name() + ": update:weight ratio " + Format.sci(median) + " (median over " + context.windowWords()
                + ") is " + (past ? (high ? "above " : "below ") + Format.sci(limit) + ", SageMaker Debugger's "
                + "WeightUpdateRatio limit" : "back " + (high ? "below " : "above ") + Format.sci(limit)
                + " but within the hysteresis margin, where this verdict ends") + ": "
                + (high ? "each step replaces the weights rather than adjusting them. Lower the learning rate, clip gradients."
                : "the weights practically never change. Check the learning rate (and its schedule), or whether the layer "
                + "is meant to be frozen.");
    }
}

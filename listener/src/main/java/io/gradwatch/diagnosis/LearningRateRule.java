package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Learning rate, per weight parameter: the window's median update:weight ratio above
 * {@link DiagnosisThresholds#updateRatioHigh()} (too high) or below
 * {@link DiagnosisThresholds#updateRatioLow()} (too low). Rule of thumb: about 1e-3, each step moves
 * the weights by a thousandth of their size. "Too low" is not said about a layer whose gradient
 * vanishes: there the vanishing verdict names the cause. Needs updates ({@code updates(true)}).
 */
final class LearningRateRule implements Rule {

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        DiagnosisThresholds t = context.thresholds();
        History h = context.history();
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p) || p.update() == null) {
                continue;
            }
            String key = "ratio:" + p.name();
            h.put(key, p.updateRatio());
            if (!context.windowFull()) {
                continue;
            }
            double median = History.median(h.last(key, t.windowReports()));
            double band = Math.pow(10, t.hysteresisDecades());
            boolean vanishing = context.active(Finding.id(Problem.VANISHING_GRADIENT, p.layer(), p.parameter())) != null;
            judge(context, p, Problem.LEARNING_RATE_TOO_HIGH, median, median > t.updateRatioHigh(),
                    median > t.updateRatioHigh() / band, out);
            judge(context, p, Problem.LEARNING_RATE_TOO_LOW, median, !vanishing && median < t.updateRatioLow(),
                    !vanishing && median < t.updateRatioLow() * band, out);
        }
    }

    private static void judge(Context context, ParameterReport p, Problem problem, double median, boolean enter,
                              boolean holds, List<Finding> out) {
        boolean active = context.active(Finding.id(problem, p.layer(), p.parameter())) != null;
        if (median == 0) { // the weights do not move at all: dead units or a frozen layer, not the learning rate
            out.add(Finding.clear(problem, p.layer(), p.parameter(), p.layerIndex()));
        } else if (Double.isNaN(median)) {
            out.add(Finding.hold(problem, p.layer(), p.parameter(), p.layerIndex(), Double.NaN, null));
        } else if (enter || (active && holds)) {
            String message = message(context, p, problem, median);
            out.add(enter ? Finding.enter(problem, p.layer(), p.parameter(), p.layerIndex(), median, message)
                    : Finding.hold(problem, p.layer(), p.parameter(), p.layerIndex(), median, message));
        } else {
            out.add(Finding.clear(problem, p.layer(), p.parameter(), p.layerIndex()));
        }
    }

    private static String message(Context context, ParameterReport p, Problem problem, double median) {
        DiagnosisThresholds t = context.thresholds();
        boolean high = problem == Problem.LEARNING_RATE_TOO_HIGH;
        boolean outside = high ? median > t.updateRatioHigh() : median < t.updateRatioLow();
        double band = Math.pow(10, t.hysteresisDecades());
        String range = "the useful range [" + Format.sci(t.updateRatioLow()) + ", " + Format.sci(t.updateRatioHigh()) + "]";
        String where = outside ? (high ? "above " : "below ") + range
                : "back inside " + range + " but within the hysteresis margin (the verdict ends "
                + (high ? "below " + Format.sci(t.updateRatioHigh() / band) : "above " + Format.sci(t.updateRatioLow() * band))
                + ")";
        return p.name() + ": update:weight ratio " + Format.sci(median) + " (median over " + context.windowWords()
                + ") is " + where + " (rule of thumb about 1e-03): learning rate too "
                + (high ? "high" : "low") + " for this layer; each step changes its weights by "
                + Format.percentOfSize(median) + " of their size. "
                + (high ? "Common remedies: a lower learning rate (or a schedule with warm-up), gradient clipping."
                        : "Common remedies: a higher learning rate; check the updater, its schedule and the L2/weight decay.");
    }
}

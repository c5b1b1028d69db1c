package io.gradwatch.diagnosis;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Dead units (ReLU-like layers) and saturated units (sigmoid/tanh-like layers): the window's median
 * of the layer's dead or saturated fraction at or above its threshold. Layers whose activation
 * admits neither check report NaN fractions and are skipped.
 */
final class ActivationRule implements Rule {

    static final String DEAD_HINT = "Layers below get no gradient through these units. Common remedies: "
            + "a lower learning rate, He initialisation, a zero or small positive bias init, leaky ReLU or ELU.";
    static final String SATURATED_HINT = "Saturated units pass almost no gradient back. Common remedies: "
            + "smaller initial weights (Xavier), normalised inputs, batch normalisation, relu-like activations.";

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        DiagnosisThresholds t = context.thresholds();
        for (ActivationReport a : report.activations()) {
            if (!Double.isNaN(a.deadFraction())) {
                judge(report, context, a, Problem.DEAD_UNITS, "dead:" + a.layer(), a.deadFraction(), t.deadFraction(), out);
            }
            if (!Double.isNaN(a.saturatedFraction())) {
                judge(report, context, a, Problem.SATURATED_UNITS, "saturated:" + a.layer(), a.saturatedFraction(),
                        t.saturatedFraction(), out);
            }
        }
    }

    private static void judge(StepReport report, Context context, ActivationReport a, Problem problem, String key,
                              double value, double threshold, List<Finding> out) {
        History h = context.history();
        h.put(key, value);
        if (!context.windowFull()) {
            return;
        }
        double median = History.median(h.last(key, context.thresholds().windowReports()));
        boolean active = context.active(Finding.id(problem, a.layer(), null)) != null;
        if (Double.isNaN(median)) {
            out.add(Finding.hold(problem, a.layer(), null, a.layerIndex(), Double.NaN, null));
        } else if (median >= threshold || (active && median >= threshold - context.thresholds().hysteresisFraction())) {
            String message = problem == Problem.DEAD_UNITS ? dead(report, context, a, median) : saturated(context, a, median);
            out.add(median >= threshold
                    ? Finding.enter(problem, a.layer(), null, a.layerIndex(), median, message)
                    : Finding.hold(problem, a.layer(), null, a.layerIndex(), median, message));
        } else {
            out.add(Finding.clear(problem, a.layer(), null, a.layerIndex()));
        }
    }

    private static String dead(StepReport report, Context context, ActivationReport a, double median) {
        String units = report.batchSize() > 0 && a.stats().count() % report.batchSize() == 0
                ? " of its " + a.stats().count() / report.batchSize() + " " + a.activation() + " units"
                : " of its " + a.activation() + " units";
        return a.layer() + ": " + Format.percent(median) + units
                + " output 0 for every example of the minibatch (median over " + context.windowWords()
                + "): dead units. " + DEAD_HINT;
    }

    private static String saturated(Context context, ActivationReport a, double median) {
        String limits = a.stats().min() < 0 ? "-1 or 1" : "0 or 1";
        return a.layer() + ": " + Format.percent(median) + " of its " + a.activation() + " outputs are within "
                + ActivationReport.SATURATION_MARGIN + " of " + limits + " (median over " + context.windowWords()
                + "): saturated units. " + SATURATED_HINT;
    }
}

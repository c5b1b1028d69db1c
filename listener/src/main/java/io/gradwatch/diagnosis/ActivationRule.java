package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Dead units (ReLU-like layers; for leaky ReLU, units stuck in the leaky part) and saturated units
 * (sigmoid/tanh-like layers): the window's median of the layer's dead or saturated fraction at or
 * above its threshold. Layers whose activation admits neither check report NaN fractions and are skipped.
 */
final class ActivationRule implements Rule {

    static final String DEAD_HINT = "Layers below get no gradient through these units. Common remedies: "
            + "He initialisation, a zero or small positive bias init, leaky ReLU or ELU; if the units died after "
            + "a large update, a lower learning rate.";
    static final String LEAKY_HINT = "These units pass only the leak slope of the gradient back. Common remedies: "
            + "He initialisation, a small positive bias init, normalised inputs, batch normalisation.";
    static final String SATURATED_HINT = "Saturated units pass almost no gradient back. Common remedies: "
            + "smaller initial weights (Xavier), normalised inputs, batch normalisation, relu-like activations.";

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        DiagnosisThresholds t = context.thresholds();
        for (ActivationReport a : report.activations()) {
            if (!Double.isNaN(a.deadFraction())) {
                judge(report, context, a, Problem.DEAD_UNITS, new Key(Measure.DEAD_FRACTION, a.layer()),
                        a.deadFraction(), t.deadFraction(), out);
            }
            if (!Double.isNaN(a.saturatedFraction())) {
                judge(report, context, a, Problem.SATURATED_UNITS, new Key(Measure.SATURATED_FRACTION, a.layer()),
                        a.saturatedFraction(), t.saturatedFraction(), out);
            }
        }
    }

    private static void judge(StepReport report, Context context, ActivationReport a, Problem problem, Key key,
                              double value, double threshold, List<Finding> out) {
        context.history().put(key, value);
        if (context.early()) {
            double[] so = context.history().last(key, context.thresholds().windowReports());
            boolean allDead = problem == Problem.DEAD_UNITS && so.length >= StuckRule.EARLY_REPORTS
                    && java.util.Arrays.stream(so).allMatch(f -> f >= 1);
            out.add(allDead ? Finding.enter(problem, a.layer(), null, a.layerIndex(), 1, dead(report, context, a, 1)
                    + " in each of the first " + so.length + " reports (judged at once: every unit of the layer). "
                    + (isLeaky(a) ? LEAKY_HINT : DEAD_HINT)) : Finding.hold(problem, a.layer(), null, a.layerIndex()));
            return;
        }
        double median = context.windowMedian(key);
        double endsAt = threshold - context.thresholds().hysteresisFraction();
        out.add(Finding.judge(context, problem, a.layer(), null, a.layerIndex(), median, median >= threshold,
                median >= endsAt, past -> (problem == Problem.DEAD_UNITS ? dead(report, context, a, median)
                        : saturated(context, a, median)) + " (" + against(past, threshold, endsAt) + "). "
                        + (problem == Problem.SATURATED_UNITS ? SATURATED_HINT : isLeaky(a) ? LEAKY_HINT : DEAD_HINT)));
    }

    private static String against(boolean past, double threshold, double endsAt) {
        return past ? "threshold " + Format.percent(threshold)
                : "back below the threshold " + Format.percent(threshold) + " but not yet below "
                + Format.percent(endsAt) + ", where this verdict ends";
    }

    private static String dead(StepReport report, Context context, ActivationReport a, double median) {
        String units = report.batchSize() > 0 && a.stats().count() % report.batchSize() == 0
                ? " of its " + a.stats().count() / report.batchSize() + " " + a.activation() + " units"
                : " of its " + a.activation() + " units";
        return a.layer() + ": " + Format.percent(median) + units
                + (isLeaky(a) ? " were negative" : " output 0") + " for every example of the minibatch (median over "
                + context.windowWords() + "): " + (isLeaky(a) ? "units stuck in the leaky part" : "dead units");
    }

    private static String saturated(Context context, ActivationReport a, double median) {
        String limits = a.activation().toLowerCase(java.util.Locale.ROOT).contains("tanh") ? "-1 or 1" : "0 or 1";
        return a.layer() + ": " + Format.percent(median) + " of its " + a.activation() + " outputs are within "
                + ActivationReport.SATURATION_MARGIN + " of " + limits + " (median over " + context.windowWords()
                + "): saturated units";
    }

    private static boolean isLeaky(ActivationReport a) {
        return a.activation().toLowerCase(java.util.Locale.ROOT).contains("leaky");
    }
}

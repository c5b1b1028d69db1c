package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Vanishing gradient: a layer's weight gradient RMS, as the window's median, is at least
 * {@link DiagnosisThresholds#vanishingDecades()} decades below the output layer's; or its
 * update:weight ratio is that far below the output layer's and below the useful range (the layer
 * barely moves while the output layer learns). Both are measured per report and their medians taken
 * over the full window. All-zero gradients (a dead layer above) are left to the dead-units rule.
 */
final class VanishingRule implements Rule {

    static final String HINT = "Common remedies: relu-like activations, Xavier/He initialisation, "
            + "batch normalisation.";

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        ParameterReport output = Weights.output(report);
        if (output == null) {
            return;
        }
        History h = context.history();
        DiagnosisThresholds t = context.thresholds();
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p) || p.layerIndex() >= output.layerIndex()) {
                continue;
            }
            String name = p.name();
            h.put("vanishing.decades:" + name, Weights.log10(output.gradient().rms()) - Weights.log10(p.gradient().rms()));
            h.put("vanishing.rms:" + name, p.gradient().rms());
            h.put("vanishing.outputRms:" + name, output.gradient().rms());
            h.put("vanishing.ratioDecades:" + name, Weights.log10(output.updateRatio()) - Weights.log10(p.updateRatio()));
            h.put("vanishing.ratio:" + name, p.updateRatio());
            h.put("vanishing.outputRatio:" + name, output.updateRatio());
            if (!context.windowFull()) {
                continue;
            }
            int n = t.windowReports();
            double decades = History.median(h.last("vanishing.decades:" + name, n));
            double ratioDecades = History.median(h.last("vanishing.ratioDecades:" + name, n));
            double ratio = History.median(h.last("vanishing.ratio:" + name, n));
            boolean byGradient = decades >= t.vanishingDecades();
            boolean byRatio = ratioDecades >= t.vanishingDecades() && ratio < t.updateRatioLow();
            boolean active = context.active(Finding.id(Problem.VANISHING_GRADIENT, p.layer(), p.parameter())) != null;
            double margin = t.hysteresisDecades();
            boolean holds = decades >= t.vanishingDecades() - margin
                    || (ratioDecades >= t.vanishingDecades() - margin && ratio < t.updateRatioLow() * Math.pow(10, margin));
            if (byGradient || byRatio || (active && holds)) {
                boolean gradientWords = byGradient || !byRatio && decades >= ratioDecades;
                String message = gradientWords ? gradientMessage(p, output, h, context, decades)
                        : ratioMessage(p, output, h, context, ratioDecades, ratio);
                double measured = gradientWords ? decades : ratioDecades;
                out.add(byGradient || byRatio
                        ? Finding.enter(Problem.VANISHING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), measured, message)
                        : Finding.hold(Problem.VANISHING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), measured, message));
            } else if (Double.isNaN(decades) && Double.isNaN(ratioDecades)) {
                out.add(Finding.hold(Problem.VANISHING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), Double.NaN, null));
            } else {
                out.add(Finding.clear(Problem.VANISHING_GRADIENT, p.layer(), p.parameter(), p.layerIndex()));
            }
        }
    }

    private static String gradientMessage(ParameterReport p, ParameterReport output, History h, Context c, double decades) {
        int n = c.thresholds().windowReports();
        return p.name() + ": gradient RMS " + Format.sci(History.median(h.last("vanishing.rms:" + p.name(), n)))
                + " is " + Format.dec(decades) + " decades below the output layer " + output.name() + " ("
                + Format.sci(History.median(h.last("vanishing.outputRms:" + p.name(), n))) + ") over "
                + c.windowWords() + " (medians): vanishing gradient. " + HINT;
    }

    private static String ratioMessage(ParameterReport p, ParameterReport output, History h, Context c,
                                       double ratioDecades, double ratio) {
        int n = c.thresholds().windowReports();
        return p.name() + ": update:weight ratio " + Format.sci(ratio) + " is " + Format.dec(ratioDecades)
                + " decades below the output layer " + output.name() + " ("
                + Format.sci(History.median(h.last("vanishing.outputRatio:" + p.name(), n))) + ") and below "
                + Format.sci(c.thresholds().updateRatioLow()) + " over " + c.windowWords()
                + " (medians): vanishing gradient, the layer barely learns. " + HINT;
    }
}

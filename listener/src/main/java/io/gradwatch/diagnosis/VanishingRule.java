package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Vanishing gradient: a layer's weight gradient RMS, as the window's median, is at least
 * {@link DiagnosisThresholds#vanishingDecades()} decades below the output layer's; or its
 * update:weight ratio is that far below the output layer's and below the useful range (the layer
 * barely moves while the output layer learns). Both are measured per report and their medians taken
 * over the full window. All-zero gradients (a dead layer above) are left to the all-zero rule.
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
            Series s = new Series(p.name());
            h.put(s.decades, Weights.log10(output.gradient().rms()) - Weights.log10(p.gradient().rms()));
            h.put(s.rms, p.gradient().rms());
            h.put(s.outputRms, output.gradient().rms());
            h.put(s.ratioDecades, Weights.log10(output.updateRatio()) - Weights.log10(p.updateRatio()));
            h.put(s.ratio, p.updateRatio());
            h.put(s.outputRatio, output.updateRatio());
            if (!context.windowFull()) {
                continue;
            }
            double decades = context.windowMedian(s.decades);
            double ratioDecades = context.windowMedian(s.ratioDecades);
            double ratio = context.windowMedian(s.ratio);
            double limit = t.vanishingDecades();
            double margin = t.hysteresisDecades();
            boolean byGradient = decades >= limit;
            boolean byRatio = ratioDecades >= limit && ratio < t.updateRatioLow();
            boolean holds = decades >= limit - margin
                    || (ratioDecades >= limit - margin && ratio < t.updateRatioLow() * Math.pow(10, margin));
            boolean gradientWords = byGradient || !byRatio && !(ratioDecades > decades);
            double measured = Double.isNaN(decades) && Double.isNaN(ratioDecades) ? Double.NaN
                    : gradientWords ? decades : ratioDecades;
            out.add(Finding.judge(context, Problem.VANISHING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), measured,
                    byGradient || byRatio, holds, past -> gradientWords
                            ? gradientMessage(p, output, s, context, decades, past)
                            : ratioMessage(p, output, s, context, ratioDecades, ratio, past)));
        }
    }

    private static String gradientMessage(ParameterReport p, ParameterReport output, Series s, Context c,
                                          double decades, boolean past) {
        double limit = c.thresholds().vanishingDecades();
        return p.name() + ": gradient RMS " + Format.sci(c.windowMedian(s.rms)) + " is " + Format.dec(decades)
                + " decades below the output layer " + output.name() + " (" + Format.sci(c.windowMedian(s.outputRms))
                + ") over " + c.windowWords() + " (medians); " + Thresholds.words(past, limit, "decades",
                limit - c.thresholds().hysteresisDecades()) + ": vanishing gradient. " + HINT;
    }

    private static String ratioMessage(ParameterReport p, ParameterReport output, Series s, Context c,
                                       double ratioDecades, double ratio, boolean past) {
        double limit = c.thresholds().vanishingDecades();
        return p.name() + ": update:weight ratio " + Format.sci(ratio) + " is " + Format.dec(ratioDecades)
                + " decades below the output layer " + output.name() + " ("
                + Format.sci(c.windowMedian(s.outputRatio)) + ") and below " + Format.sci(c.thresholds().updateRatioLow())
                + " over " + c.windowWords() + " (medians); "
                + Thresholds.words(past, limit, "decades", limit - c.thresholds().hysteresisDecades())
                + ": vanishing gradient, the layer barely learns. " + HINT;
    }

    /** The series of one weight parameter. */
    private static final class Series {
        final Key decades;
        final Key rms;
        final Key outputRms;
        final Key ratioDecades;
        final Key ratio;
        final Key outputRatio;

        Series(String name) {
            decades = new Key(Measure.VANISHING_DECADES, name);
            rms = new Key(Measure.GRADIENT_RMS, name);
            outputRms = new Key(Measure.OUTPUT_GRADIENT_RMS, name);
            ratioDecades = new Key(Measure.RATIO_DECADES, name);
            ratio = new Key(Measure.UPDATE_RATIO, name);
            outputRatio = new Key(Measure.OUTPUT_UPDATE_RATIO, name);
        }
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * SageMaker Debugger's AllZero and UnchangedTensor rules, per weight parameter, over the full window:
 * an update that is exactly zero in at least {@link #FRACTION} of the window's reports means the
 * weights do not change (a frozen layer, a learning rate of 0); otherwise a gradient that is exactly
 * zero that often means no gradient reaches the layer (dead units above it, a disconnected layer).
 */
final class StuckRule implements Rule {

    /** Share of the window's reports that must be exactly zero: all but one (measured: no healthy corpus run has any). */
    static final double FRACTION = 0.9;
    /**
     * Before the window is full, exactly zero in every one of the reports so far, at least this many (the
     * first two reports: a healthy layer's gradient is never exactly zero), is overwhelming evidence.
     */
    static final int EARLY_REPORTS = 2;

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        History h = context.history();
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p)) {
                continue;
            }
            Key gradientZero = new Key(Measure.GRADIENT_ZERO, p.name());
            Key updateZero = new Key(Measure.UPDATE_ZERO, p.name());
            h.put(gradientZero, zero(p.gradient().maxAbs(), p.gradient().hasNonFinite()));
            if (p.update() != null) {
                h.put(updateZero, zero(p.update().maxAbs(), p.update().hasNonFinite()));
            }
            boolean early = context.early();
            if (early && h.size() < EARLY_REPORTS) {
                continue;
            }
            double need = early ? 1 : FRACTION;
            double gradient = share(h.last(gradientZero, context.thresholds().windowReports()));
            double update = p.update() == null ? Double.NaN : share(h.last(updateZero, context.thresholds().windowReports()));
            boolean unchanged = update >= need;
            if (early && !unchanged && gradient < need) {
                // nothing ends before the window is full
                out.add(Finding.hold(Problem.UNCHANGED_PARAMETERS, p.layer(), p.parameter(), p.layerIndex()));
                out.add(Finding.hold(Problem.ALL_ZERO_GRADIENT, p.layer(), p.parameter(), p.layerIndex()));
                continue;
            }
            out.add(early && !unchanged ? Finding.hold(Problem.UNCHANGED_PARAMETERS, p.layer(), p.parameter(), p.layerIndex())
                    : Finding.judge(context, Problem.UNCHANGED_PARAMETERS, p.layer(), p.parameter(), p.layerIndex(),
                    Double.isNaN(update) ? Double.NaN : update, unchanged, false, past -> p.name() + ": its update was exactly 0 in "
                            + Format.percent(update) + " of the reports over " + context.windowWords()
                            + (gradient >= need ? " and so was its gradient" : " although its gradient was not")
                            + " (threshold " + Format.percent(need) + "): the weights do not change. Usually a frozen "
                            + "layer (FrozenLayer, a learning rate of 0 or a schedule that reached 0)"
                            + (gradient >= need ? " or no gradient reaching it (dead units above)" : "")
                            + "; if it should learn, check its updater and learning rate."));
            out.add(unchanged ? Finding.clear(Problem.ALL_ZERO_GRADIENT, p.layer(), p.parameter(), p.layerIndex())
                    : Finding.judge(context, Problem.ALL_ZERO_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), gradient,
                    gradient >= need, false, past -> p.name() + ": its gradient was exactly 0 in "
                            + Format.percent(gradient) + " of the reports over " + context.windowWords()
                            + " (threshold " + Format.percent(need) + "): no gradient reaches this layer, it no "
                            + "longer learns (what still moves it is the updater's momentum). Usually dead units above "
                            + "it (see the dead-units verdicts) or a layer cut off from the loss. Common remedies: He "
                            + "initialisation, leaky ReLU, a lower learning rate at the start."));
        }
    }

    private static double zero(double maxAbs, boolean nonFinite) {
        return nonFinite ? Double.NaN : maxAbs == 0 ? 1 : 0;
    }

    /** Share of 1s among the finite values; NaN when none is finite. */
    private static double share(double[] flags) {
        int n = 0;
        int ones = 0;
        for (double f : flags) {
            if (!Double.isNaN(f)) {
                n++;
                ones += f == 1 ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) ones / n;
    }
}

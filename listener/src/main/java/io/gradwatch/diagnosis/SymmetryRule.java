package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Poor weight initialisation, after SageMaker Debugger's PoorWeightInitialization (its "gradient
 * spread below 0.001" criterion, made relative so that it does not depend on the gradient's scale):
 * a weight gradient whose standard deviation is below {@link #SPREAD} of its RMS, as the window's
 * median, gives every weight the same step. That is what all-equal initial weights do to the layers
 * behind the first: every unit computes the same function, receives the same gradient, and stays a
 * copy of the others, so the layer acts as a single unit.
 */
final class SymmetryRule implements Rule {

    /** Relative spread std / RMS of the gradient below which every weight gets the same step. */
    static final double SPREAD = 1e-3;

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p) || p.gradient().count() < 2) {
                continue;
            }
            Key key = new Key(Measure.GRADIENT_SPREAD, p.name());
            double rms = p.gradient().rms();
            context.history().put(key, rms > 0 ? p.gradient().std() / rms : Double.NaN);
            if (!context.windowFull()) {
                continue;
            }
            double spread = context.windowMedian(key);
            out.add(Finding.judge(context, Problem.POOR_INITIALIZATION, p.layer(), p.parameter(), p.layerIndex(), spread,
                    spread < SPREAD, false, past -> p.name() + ": all " + p.gradient().count()
                            + " weights get the same gradient (relative spread std/RMS " + Format.sci(spread)
                            + ", median over " + context.windowWords() + "; threshold " + Format.sci(SPREAD)
                            + "): its units are copies of each other and stay so, the layer acts as one unit. Usually "
                            + "all-equal initial weights (WeightInit.ZERO, ONES, CONSTANT) in the layers before it. "
                            + "Common remedies: a random initialisation (WeightInit.XAVIER, RELU)."));
        }
    }
}

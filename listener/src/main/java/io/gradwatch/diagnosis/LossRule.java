package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * SageMaker Debugger's LossNotDecreasing, on the minibatch loss over the full window (see
 * {@link LossTrend}): the recent half's median is not {@link LossTrend#MIN_DECREASE} below the earlier
 * half's and the loss has not come below {@link LossTrend#LEARNED_FRACTION} of its start. The verdict
 * concerns the whole network; it is filed under the output layer. It ends once the loss decreases again.
 */
final class LossRule implements Rule {

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        ParameterReport output = Weights.output(report);
        LossTrend trend = context.progress();
        if (output == null || !context.windowFull()) {
            return;
        }
        boolean stalled = trend.known() && !trend.decreasing() && !trend.learned();
        double measured = trend.known() ? trend.relativeDecrease() : Double.NaN;
        out.add(Finding.judge(context, Problem.LOSS_NOT_DECREASING, output.layer(), null, output.layerIndex(), measured,
                stalled, false, past -> output.layer() + " (output layer), loss of the whole network: " + trend.words() + " over " + context.windowWords() + "; it fell by "
                        + Format.percent(Math.max(0, measured)) + " (threshold " + Format.percent(LossTrend.MIN_DECREASE)
                        + ", or below " + Format.percent(LossTrend.LEARNED_FRACTION) + " of the start): the loss is not "
                        + "decreasing, the network is not learning. Check the other verdicts first; then the learning rate "
                        + "(too low or 0), the labels (shuffled with the inputs?), the output activation and loss function."));
    }
}

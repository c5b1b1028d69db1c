package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * The run learns nothing (see {@link LearningProgress}): the loss is at or above chance level and not
 * decreasing, or, without a chance level, neither decreasing nor well below its first reports. The verdict
 * concerns the whole network; it is filed under the output layer. It starts and ends with the progress
 * state, which already holds hysteresis and a hold time.
 */
final class LossRule implements Rule {

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        ParameterReport output = Weights.output(report);
        LearningProgress progress = context.progress();
        if (output == null || progress.state() == LearningProgress.State.UNKNOWN) {
            return;
        }
        if (progress.learning()) {
            out.add(Finding.clear(Problem.LOSS_NOT_DECREASING, output.layer(), null, output.layerIndex()));
            return;
        }
        out.add(Finding.enter(Problem.LOSS_NOT_DECREASING, output.layer(), null, output.layerIndex(), progress.level(),
                output.layer() + ": the whole network (this is its output layer) is not learning: " + progress.reason()
                        + ". Check the other verdicts first; then the learning rate (too high or too low), the labels "
                        + "(shuffled apart from the inputs?), the inputs (all blank?), frozen layers, the output "
                        + "activation and loss function."));
    }
}

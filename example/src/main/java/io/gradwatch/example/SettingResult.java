package io.gradwatch.example;

import java.util.List;
import java.util.Objects;

/**
 * What one setting measured.
 *
 * @param setting      the setting
 * @param gradients    the first layer's gradient, as gradwatch reported it
 * @param accuracies   validation accuracy on the 10,000 test images after each epoch
 * @param epochSeconds wall time of each epoch's training (without validation)
 * @param batches      minibatches trained in total
 */
public record SettingResult(Setting setting, GradientSummary gradients, List<Double> accuracies,
                            List<Double> epochSeconds, long batches) {

    public SettingResult {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(gradients, "gradients");
        accuracies = List.copyOf(accuracies);
        epochSeconds = List.copyOf(epochSeconds);
    }

    /** Accuracy after the last epoch (NaN if none). */
    public double finalAccuracy() {
        return accuracies.isEmpty() ? Double.NaN : accuracies.get(accuracies.size() - 1);
    }
}

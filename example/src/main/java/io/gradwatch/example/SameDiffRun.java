package io.gradwatch.example;

import io.gradwatch.listener.GradWatchListener;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link Experiment}'s training loop for the SameDiff variant of the reference network. */
final class SameDiffRun {

    private SameDiffRun() {
    }

    static SettingResult run(Experiment.Config config, Console console, Setting setting, GradWatchListener gradwatch,
                             GradientWatch watch, DataSetIterator train, DataSetIterator test, int batchesPerEpoch) {
        SameDiff sd = SameDiffReferenceMlp.build(setting.init(), setting.act(), config.optimizer(),
                config.learningRate(), config.seed());
        Progress progress = new Progress(console);
        sd.setListeners(gradwatch, progress);
        List<Double> accuracies = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            console.startBar(String.format(Locale.ROOT, "%s epoch %d/%d", setting.name(), epoch + 1, config.epochs()),
                    batchesPerEpoch);
            long start = System.nanoTime();
            train.reset();
            sd.fit(train, 1);
            seconds.add((System.nanoTime() - start) / 1e9);
            console.endBar();
            test.reset();
            Evaluation evaluation = new Evaluation();
            sd.evaluate(test, SameDiffReferenceMlp.OUTPUT, evaluation);
            double accuracy = evaluation.accuracy();
            accuracies.add(accuracy);
            gradwatch.metric("validation/accuracy", accuracy, progress.iterations, epoch);
            console.line(String.format(Locale.ROOT, "%s epoch %d: validation accuracy %.4f (%d test images), "
                    + "training %.1f s", setting.name(), epoch + 1, accuracy, Experiment.TEST_EXAMPLES,
                    seconds.get(epoch)));
        }
        gradwatch.flush();
        return new SettingResult(setting, watch.summary(), accuracies, seconds, progress.iterations);
    }

    /**
     * Advances the console's progress bar once per minibatch. SameDiff 1.0.0-M2.1's Loss holds only the
     * regularisation term during training (see gradwatch's docs/samediff.md), so the bar shows no loss.
     */
    private static final class Progress extends BaseListener {
        private final Console console;
        private long iterations;

        Progress(Console console) {
            this.console = console;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
            iterations++;
            console.step(Double.NaN);
        }
    }
}

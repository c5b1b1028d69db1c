package io.gradwatch.example;

import io.gradwatch.GradWatch;
import io.gradwatch.GradWatchBuilder;
import io.gradwatch.listener.GradWatchListener;
import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains the reference network in one setting with gradwatch attached and measures what the table
 * shows. Every listener it creates stays open (the UI keeps showing its session) until {@link #close()}.
 */
final class Experiment implements SettingRunner {

    /** Training examples in MNIST's training file. */
    static final int TRAIN_EXAMPLES = 60_000;
    /** Images in MNIST's test file, all used for validation. */
    static final int TEST_EXAMPLES = 10_000;
    private static final int EVAL_BATCH = 1_000;

    /**
     * @param every        gradwatch computes statistics every this many iterations
     * @param logEvery     print the tutorial's line every this many iterations (0 = never; a multiple of every)
     * @param limitBatches train at most this many minibatches per epoch (0 = the whole epoch)
     * @param logDir       TensorBoard runs go to logDir/&lt;setting&gt;; null = no TensorBoard
     * @param uiPort       DL4J UI port; null = no UI
     * @param model        MultiLayerNetwork or SameDiff
     */
    record Config(int epochs, int batch, double learningRate, Optimizer optimizer, long seed, int every,
                  int logEvery, int limitBatches, Path dataDir, Path logDir, Integer uiPort, ModelKind model) {
        Config {
            Objects.requireNonNull(optimizer, "optimizer");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dataDir, "dataDir");
            if (epochs < 1 || batch < 1 || every < 1 || logEvery < 0 || limitBatches < 0) {
                throw new IllegalArgumentException("epochs, batch and every must be positive; logEvery, limitBatches >= 0");
            }
            if (logEvery % every != 0) {
                throw new IllegalArgumentException("logEvery (" + logEvery + ") must be a multiple of every (" + every + ")");
            }
        }

        /** The MultiLayerNetwork experiment. */
        Config(int epochs, int batch, double learningRate, Optimizer optimizer, long seed, int every, int logEvery,
               int limitBatches, Path dataDir, Path logDir, Integer uiPort) {
            this(epochs, batch, learningRate, optimizer, seed, every, logEvery, limitBatches, dataDir, logDir, uiPort,
                    ModelKind.MULTILAYERNETWORK);
        }
    }

    /** The user metric published after each epoch, also a column of TensorBoard's HParams tab. */
    static final String VALIDATION_ACCURACY = "validation/accuracy";

    private final Config config;
    private final Console console;
    private final int corruptBatch;
    private final List<GradWatchListener> listeners = new ArrayList<>();

    Experiment(Config config, Console console) {
        this(config, console, -1);
    }

    /**
     * @param corruptBatch the training batch (0-based, first epoch) whose pixels are multiplied by 1e4, with
     *                     gradwatch's recover() on; -1: none, and recover() off
     */
    Experiment(Config config, Console console, int corruptBatch) {
        this.config = config;
        this.console = console;
        this.corruptBatch = corruptBatch;
    }

    /** Trains {@code setting} for the configured epochs, validating after each. */
    @Override
    public SettingResult run(Setting setting) throws IOException {
        GradientWatch watch = new GradientWatch(console, config.logEvery());
        GradWatchListener gradwatch = listener(setting, watch);
        listeners.add(gradwatch);
        DataSetIterator train = new MnistDataSetIterator(config.batch(), TRAIN_EXAMPLES, false, true, true,
                config.seed(), config.dataDir().toFile());
        if (corruptBatch >= 0) {
            train.setPreProcessor(new CorruptBatch(corruptBatch));
        }
        if (config.limitBatches() > 0) {
            train = new EarlyTerminationDataSetIterator(train, config.limitBatches());
        }
        DataSetIterator test = new MnistDataSetIterator(EVAL_BATCH, TEST_EXAMPLES, false, false, false,
                config.seed(), config.dataDir().toFile());
        int batchesPerEpoch = (TRAIN_EXAMPLES + config.batch() - 1) / config.batch();
        if (config.limitBatches() > 0) {
            batchesPerEpoch = Math.min(batchesPerEpoch, config.limitBatches());
        }
        if (config.model() == ModelKind.SAMEDIFF) {
            return SameDiffRun.run(config, console, setting, gradwatch, watch, train, test, batchesPerEpoch);
        }
        MultiLayerNetwork net = ReferenceMlp.build(setting.init(), setting.act(), config.optimizer(),
                config.learningRate(), config.seed());
        net.setListeners(gradwatch, new Progress(console));

        List<Double> accuracies = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            console.startBar(String.format(Locale.ROOT, "%s epoch %d/%d", setting.name(), epoch + 1, config.epochs()),
                    batchesPerEpoch);
            long start = System.nanoTime();
            net.fit(train);
            seconds.add((System.nanoTime() - start) / 1e9);
            console.endBar();
            test.reset();
            double accuracy = net.evaluate(test).accuracy();
            accuracies.add(accuracy);
            gradwatch.metric(VALIDATION_ACCURACY, accuracy, net.getIterationCount(), epoch);
            console.line(String.format(Locale.ROOT, "%s epoch %d: validation accuracy %.4f (%d test images), "
                    + "training %.1f s", setting.name(), epoch + 1, accuracy, TEST_EXAMPLES, seconds.get(epoch)));
        }
        gradwatch.flush();
        return new SettingResult(setting, watch.summary(), accuracies, seconds, net.getIterationCount());
    }

    private GradWatchListener listener(Setting setting, GradientWatch watch) {
        Map<String, Object> hparams = new LinkedHashMap<>();
        hparams.put("init", setting.init().label());
        hparams.put("act", setting.act().label());
        hparams.put("optimizer", config.optimizer().label());
        hparams.put("lr", config.learningRate());
        hparams.put("batch", config.batch());
        hparams.put("epochs", config.epochs());
        hparams.put("model", config.model().label());
        GradWatchBuilder builder = GradWatch.builder()
                .sessionId(setting.name())
                .every(config.every())
                .hparams(hparams)
                .onReport(watch);
        if (corruptBatch >= 0) {
            builder.recover();
        }
        if (config.logDir() != null) {
            Path runDir = config.logDir().resolve(setting.name());
            PreviousRun.replace(runDir, console);
            builder.tensorBoard(runDir).hparamsMetrics(VALIDATION_ACCURACY);
        }
        if (config.uiPort() != null) {
            // The example serves its four runs until Ctrl-C; --exit ends the JVM with System.exit.
            builder.ui(config.uiPort()).keepServing();
        }
        try {
            return builder.build();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            String hint = config.uiPort() != null && config.logDir() != null ? "--no-ui or --no-tensorboard"
                    : config.uiPort() != null ? "--no-ui" : "--no-tensorboard";
            throw new IllegalStateException(e.getMessage() + " (or run the example with " + hint + ")", e);
        }
    }

    /** Waits until every report so far reached every sink (TensorBoard files written, UI updated). */
    @Override
    public void flush() {
        listeners.forEach(GradWatchListener::flush);
    }

    /** Closes every listener (the UI stops showing live sessions; TensorBoard files are complete). */
    @Override
    public void close() {
        listeners.forEach(GradWatchListener::close);
    }

    /** Advances the console's progress bar once per minibatch. */
    private static final class Progress extends BaseTrainingListener {
        private final Console console;

        Progress(Console console) {
            this.console = console;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            console.step(model.score());
        }
    }
}

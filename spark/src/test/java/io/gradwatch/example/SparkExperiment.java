package io.gradwatch.example;

import io.gradwatch.GradWatch;
import io.gradwatch.GradWatchBuilder;
import io.gradwatch.report.StepReport;
import io.gradwatch.spark.GradWatchSpark;
import io.gradwatch.spark.SparkGradWatch;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The example's experiment on Spark ({@code --spark MASTER}): the same network, data, sessions, runs and
 * table, trained by SparkDl4jMultiLayer with gradwatch attached through {@link GradWatchSpark}. Lives in
 * gradwatch-spark's test sources so that neither the example nor the library jar carries the other.
 *
 * <p>The console's gradient line and the table follow the first worker that reports (each worker trains
 * its own share of the minibatches); TensorBoard and the UI show every worker.
 */
final class SparkExperiment implements SettingRunner {

    /** Minibatches each worker trains between two parameter averagings. */
    static final int AVERAGING_FREQUENCY = 5;

    private final String training;
    private final Experiment.Config config;
    private final Console console;
    private final JavaSparkContext sc;
    private final List<SparkGradWatch> watches = new ArrayList<>();

    SparkExperiment(String master, String training, Experiment.Config config, Console console) {
        this.training = training;
        this.config = config;
        this.console = console;
        SparkConf conf = new SparkConf().setMaster(master).setAppName("gradwatch vanishing gradient")
                .set("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        this.sc = new JavaSparkContext(conf);
    }

    @Override
    public SettingResult run(Setting setting) throws IOException {
        MultiLayerNetwork net = ReferenceMlp.build(setting.init(), setting.act(), config.optimizer(),
                config.learningRate(), config.seed());
        int workers = sc.defaultParallelism();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, trainingMaster(workers));
        GradientWatch gradients = new GradientWatch(console, config.logEvery());
        AtomicReference<String> followed = new AtomicReference<>();
        SparkGradWatch watch = GradWatchSpark.attach(sparkNet, builder(setting, workers, report -> {
            followed.compareAndSet(null, report.workerId());
            if (report.workerId().equals(followed.get())) {
                gradients.accept(report);
            }
        }));
        watches.add(watch);

        JavaRDD<DataSet> train = sc.parallelize(trainingBatches(), workers);
        DataSetIterator test = new MnistDataSetIterator(1_000, Experiment.TEST_EXAMPLES, false, false, false,
                config.seed(), config.dataDir().toFile());
        List<Double> accuracies = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            sparkNet.fit(train);
            seconds.add((System.nanoTime() - start) / 1e9);
            test.reset();
            double accuracy = sparkNet.getNetwork().evaluate(test).accuracy();
            accuracies.add(accuracy);
            watch.metric("validation/accuracy", accuracy, sparkNet.getNetwork().getIterationCount(), epoch);
            console.line(String.format(Locale.ROOT, "%s epoch %d: validation accuracy %.4f (%d test images), "
                            + "training %.1f s on %d Spark workers (reports per worker %s)", setting.name(), epoch + 1,
                    accuracy, Experiment.TEST_EXAMPLES, seconds.get(epoch), workers, watch.reportsPerWorker()));
        }
        watch.flush();
        return new SettingResult(setting, gradients.summary(), accuracies, seconds,
                sparkNet.getNetwork().getIterationCount());
    }

    private GradWatchBuilder builder(Setting setting, int workers, java.util.function.Consumer<StepReport> onReport) {
        Map<String, Object> hparams = new LinkedHashMap<>();
        hparams.put("init", setting.init().label());
        hparams.put("act", setting.act().label());
        hparams.put("optimizer", config.optimizer().label());
        hparams.put("lr", config.learningRate());
        hparams.put("batch", config.batch());
        hparams.put("epochs", config.epochs());
        hparams.put("spark_training", training);
        hparams.put("spark_workers", workers);
        GradWatchBuilder builder = GradWatch.builder().sessionId(setting.name()).every(config.every())
                .hparams(hparams).onReport(onReport);
        if (config.logDir() != null) {
            builder.tensorBoard(config.logDir().resolve(setting.name()));
        }
        if (config.uiPort() != null) {
            builder.ui(config.uiPort());
        }
        return builder;
    }

    private TrainingMaster<?, ?> trainingMaster(int workers) {
        if (training.equals("shared")) {
            VoidConfiguration voidConf = VoidConfiguration.builder().unicastPort(freeUdpPort())
                    .controllerAddress(sc.getConf().get("spark.driver.host", "127.0.0.1")).build();
            return new SharedTrainingMaster.Builder(voidConf, workers, new AdaptiveThresholdAlgorithm(1e-3),
                    config.batch()).batchSizePerWorker(config.batch()).workersPerNode(workers)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).build();
        }
        return new ParameterAveragingTrainingMaster.Builder(workers, config.batch())
                .batchSizePerWorker(config.batch()).averagingFrequency(AVERAGING_FREQUENCY)
                .rddTrainingApproach(RDDTrainingApproach.Direct).build();
    }

    /** MNIST's training set in minibatches (the first --limit-batches of them, if set), shuffled once by seed. */
    private List<DataSet> trainingBatches() throws IOException {
        DataSetIterator it = new MnistDataSetIterator(config.batch(), Experiment.TRAIN_EXAMPLES, false, true, true,
                config.seed(), config.dataDir().toFile());
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext() && (config.limitBatches() == 0 || batches.size() < config.limitBatches())) {
            batches.add(it.next());
        }
        return batches;
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free UDP port for SharedTrainingMaster", e);
        }
    }

    @Override
    public void flush() {
        watches.forEach(SparkGradWatch::flush);
    }

    @Override
    public void close() {
        watches.forEach(SparkGradWatch::close);
        sc.stop();
    }
}

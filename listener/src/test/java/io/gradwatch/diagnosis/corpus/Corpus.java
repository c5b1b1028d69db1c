package io.gradwatch.diagnosis.corpus;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.report.Verdict.Severity;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceMlp;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.model.LeNet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The calibration corpus: each run trained once per JVM (cached), with gradwatch's defaults (a report
 * every 10 iterations, a window of 10 reports), on MNIST subsets or small synthetic tasks.
 * Needs the MNIST IDX files in ~/.deeplearning4j (see CONTEXT.md).
 */
final class Corpus {

    /** One corpus run: what it is, whether it should learn, and every report gradwatch produced. */
    record Run(String name, String model, List<StepReport> reports, double firstLoss, double lastLoss, double seconds) {

        /**
         * Median loss of the last five reports: one minibatch's loss is noisy (a run that learns can report
         * 1.05 at one step and 1.80 two steps later), and so is where a curve stands after a fixed number of
         * steps on another CPU's kernels.
         */
        double recentLoss() {
            double[] last = reports.subList(Math.max(0, reports.size() - 5), reports.size()).stream()
                    .mapToDouble(StepReport::loss).sorted().toArray();
            return last[last.length / 2];
        }

        /** Every verdict at warning severity at any report (active ones included, as severity is re-judged). */
        List<Verdict> warnings() {
            Map<String, Verdict> out = new LinkedHashMap<>();
            for (StepReport r : reports) {
                r.diagnosis().active().stream().filter(v -> v.severity() == Severity.WARNING)
                        .forEach(v -> out.putIfAbsent(v.key(), v));
            }
            return List.copyOf(out.values());
        }

        /** Every verdict that started, first start per key. */
        List<Verdict> started() {
            Map<String, Verdict> out = new LinkedHashMap<>();
            for (StepReport r : reports) {
                r.diagnosis().started().forEach(v -> out.putIfAbsent(v.key(), v));
            }
            return List.copyOf(out.values());
        }

        /** The first iteration at which {@code problem} was in force on {@code layer}, or -1. */
        long detected(Problem problem, String layer) {
            for (StepReport r : reports) {
                for (Verdict v : r.diagnosis().active()) {
                    if (v.problem() == problem && v.layer().equals(layer)) {
                        return r.iteration();
                    }
                }
            }
            return -1;
        }

        /** The first iteration at which a warning-level verdict was in force, or -1. */
        long firstWarning() {
            for (StepReport r : reports) {
                if (r.diagnosis().active().stream().anyMatch(v -> v.severity() == Severity.WARNING)) {
                    return r.iteration();
                }
            }
            return -1;
        }

        /** The warning-level verdicts in force at the last report. */
        List<Verdict> warningsAtEnd() {
            return reports.get(reports.size() - 1).diagnosis().active().stream()
                    .filter(v -> v.severity() == Severity.WARNING).toList();
        }

        /** How often each verdict started, by key. */
        Map<String, Integer> starts() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (StepReport r : reports) {
                r.diagnosis().started().forEach(v -> out.merge(v.key(), 1, Integer::sum));
            }
            return out;
        }

        /** The most starts of any one verdict (1: no verdict restarted). */
        int maxStarts() {
            return starts().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /** Severity changes of verdicts in force, over the run. */
        long regrades() {
            return reports.stream().mapToLong(r -> r.diagnosis().regraded().size()).sum();
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "CORPUS %s [%s] loss %.3f -> %.3f, %.1f s; first warning @%d, "
                            + "warnings at end %d, max starts %d, regrades %d%n", name, model, firstLoss,
                    lastLoss, seconds, firstWarning(), warningsAtEnd().size(), maxStarts(), regrades()));
            StringBuilder losses = new StringBuilder("CORPUS   losses");
            for (StepReport r : reports) {
                losses.append(String.format(Locale.ROOT, " %.2f", r.loss()));
            }
            s.append(losses).append('\n');
            for (Verdict v : started()) {
                Verdict worst = worst(v.key());
                s.append(String.format(Locale.ROOT, "CORPUS   %s %s @%d (worst %s)%n", v.severity(), v.key(),
                        v.firstIteration(), worst.severity()));
            }
            return s.toString();
        }

        private Verdict worst(String key) {
            Verdict w = null;
            for (StepReport r : reports) {
                for (Verdict v : r.diagnosis().active()) {
                    if (v.key().equals(key) && (w == null || v.severity() == Severity.WARNING)) {
                        w = v;
                    }
                }
            }
            return w == null ? reports.get(0).diagnosis().active().stream().findFirst().orElse(null) == null
                    ? started().stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow() : started().stream()
                    .filter(v -> v.key().equals(key)).findFirst().orElseThrow() : w;
        }
    }

    private static final Map<String, Run> CACHE = new LinkedHashMap<>();

    private Corpus() {
    }

    static synchronized Run run(String name) {
        Run r = CACHE.get(name);
        if (r == null) {
            r = train(name);
            CACHE.put(name, r);
            System.out.print(r.summary());
        }
        return r;
    }

    private static Run train(String name) {
        return switch (name) {
            case "mlp-relu-uniform-nesterovs" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.UNIFORM, Activation.RELU, 42),
                    mnist(128, 200), 10, 10);
            case "mlp-relu-xavier-nesterovs" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU, 42),
                    mnist(128, 200), 10, 10);
            case "mlp-relu-xavier-sgd" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Sgd(0.1), 0, 42), mnist(128, 200), 10, 10);
            case "mlp-relu-xavier-adam" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Adam(1e-3), 0, 42), mnist(128, 200), 10, 10);
            case "cnn-batchnorm-adam" -> fit(name, CorpusModels.cnnBatchNorm(42), mnist(16, 100), 5, 10);
            case "lstm-adam" -> fit(name, CorpusModels.lstm(42),
                    new ExistingDataSetIterator(CorpusModels.sequences(7, 200, 32, 10)), 10, 10);
            case "resnet-graph-nesterovs" -> fit(name, CorpusModels.residual(42), mnist(128, 200), 10, 10);
            case "zoo-lenet" -> fit(name, LeNet.builder().numClasses(10).inputShape(new int[]{1, 28, 28}).seed(42L)
                    .build().init(), mnist(16, 100), 5, 10);
            case "mlp-sigmoid-uniform" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.UNIFORM, Activation.SIGMOID, 42),
                    mnist(128, 120), 10, 10);
            case "regression-huge-lr" -> fit(name, CorpusModels.divergingRegression(), new ExistingDataSetIterator(
                    java.util.Collections.nCopies(20, io.gradwatch.testing.TestNetworks.data(2, 64, 12, 3))), 1, 3);
            case "mlp-relu-dead" -> fit(name, CorpusModels.mlp(42, Activation.RELU,
                    WeightInit.XAVIER.getWeightInitFunction(), -5, false), mnist(128, 120), 10, 10);
            case "mlp-sigmoid-saturated" -> fit(name, CorpusModels.mlp(42, Activation.SIGMOID, CorpusModels.normal(1), 0,
                    false), mnist(128, 120), 10, 10);
            case "mlp-tanh-saturated" -> fit(name, CorpusModels.mlp(42, Activation.TANH, CorpusModels.normal(1), 0, false),
                    mnist(128, 120), 10, 10);
            case "mlp-tanh-constant-init" -> fit(name, CorpusModels.mlp(42, Activation.TANH, CorpusModels.constant(0.01),
                    0, false), mnist(128, 120), 10, 10);
            case "mlp-relu-frozen-first" -> fit(name, CorpusModels.mlp(42, Activation.RELU,
                    WeightInit.XAVIER.getWeightInitFunction(), 0, true), mnist(128, 120), 10, 10);
            case "mlp-relu-random-labels" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU, 42),
                    randomLabels(mnist(128, 120)), 10, 10);
            // issue 22: runs that end at chance, and a slow but true learner
            case "cnn-batchnorm-sgd-huge-lr" -> fit(name, CorpusModels.cnnBatchNorm(42, new Sgd(10)), mnist(16, 150), 10, 10);
            case "mlp-adam-lr1" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Adam(1.0), 0, 42), mnist(64, 150), 10, 10);
            case "mlp-shuffled-labels" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Adam(1e-3), 0, 42), shuffledLabels(mnist(64, 150)), 10, 10);
            case "mlp-deep-sigmoid-tiny" -> fit(name, CorpusModels.deepSigmoid(42, 10, 0.01), mnist(64, 150), 10, 10);
            case "mlp-blank-inputs" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Adam(1e-3), 0, 42), blankInputs(mnist(64, 150)), 10, 10);
            case "mlp-frozen" -> fit(name, CorpusModels.frozen(42), mnist(64, 150), 10, 10);
            case "mlp-slow-sgd" -> fit(name, ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.RELU,
                    new Sgd(0.02), 0, 42), mnist(32, 400), 10, 10);
            default -> throw new IllegalArgumentException("no corpus run " + name);
        };
    }

    static DataSetIterator mnist(int batch, int iterations) {
        try {
            return new MnistDataSetIterator(batch, batch * iterations, false, true, true, 12345);
        } catch (IOException e) {
            throw new UncheckedIOException("MNIST files missing in ~/.deeplearning4j (see CONTEXT.md)", e);
        }
    }

    /** The same images with labels drawn at random for every batch: nothing to learn. */
    static DataSetIterator randomLabels(DataSetIterator it) {
        Random random = new Random(3);
        it.setPreProcessor(ds -> {
            INDArray y = Nd4j.zeros(DataType.FLOAT, ds.getLabels().rows(), 10);
            for (int i = 0; i < y.rows(); i++) {
                y.putScalar(i, random.nextInt(10), 1f);
            }
            ds.setLabels(y);
        });
        return it;
    }

    /** The labels of each batch permuted among its examples: the class mix stays, the link to the images is gone. */
    static DataSetIterator shuffledLabels(DataSetIterator it) {
        Random random = new Random(5);
        it.setPreProcessor(ds -> {
            INDArray y = ds.getLabels().dup();
            int[] order = java.util.stream.IntStream.range(0, y.rows()).toArray();
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            ds.setLabels(y.getRows(order));
        });
        return it;
    }

    /** Every input all zero: nothing to learn but the class prior. */
    static DataSetIterator blankInputs(DataSetIterator it) {
        it.setPreProcessor(ds -> ds.setFeatures(Nd4j.zeros(ds.getFeatures().dataType(), ds.getFeatures().shape())));
        return it;
    }

    /** Trains one pass over {@code data}, a report every {@code every} iterations, a window of {@code window} reports. */
    private static Run fit(String name, Model model, DataSetIterator data, int every, int window) {
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(every).histogramsEvery(0).sink(sink)
                .diagnosis(io.gradwatch.diagnosis.DiagnosisThresholds.builder().windowReports(window).build()).build();
        long t0 = System.nanoTime();
        if (model instanceof MultiLayerNetwork net) {
            net.addListeners(listener);
            net.fit(data);
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            graph.addListeners(listener);
            graph.fit(data);
        }
        listener.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<StepReport> reports = new ArrayList<>(sink.reports);
        return new Run(name, model.getClass().getSimpleName(), reports, reports.get(0).loss(),
                reports.get(reports.size() - 1).loss(), seconds);
    }
}

package io.gradwatch.ui;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.sink.ReportSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Four synthetic runs shaped like the example's (reference MLP, 7 dense layers): uniform_sigmoid with a
 * gradient vanishing towards the input (1e-8 at layer0), uniform_relu with dead units, and the two
 * xavier runs healthy. Each has two epochs, validation accuracy and loss, and a verdict.
 */
final class ExampleRuns {

    /** xavier_relu's worker 0 skips a corrupt batch here (recover()), which the loss chart marks. */
    static final int SKIPPED_ITERATION = 25;
    static final List<String> NAMES = List.of("uniform_sigmoid", "uniform_relu", "xavier_sigmoid", "xavier_relu");
    static final int LAYERS = 7;
    static final int ITERATIONS = 60;
    static final int PER_EPOCH = 30;

    private ExampleRuns() {
    }

    /** Publishes all four runs (oldest first) into {@code sink}; xavier_relu has two workers. */
    static void publish(ReportSink sink) {
        long t0 = 1_700_000_000_000L;
        for (int r = 0; r < NAMES.size(); r++) {
            String name = NAMES.get(r);
            for (String worker : r == 3 ? List.of("0", "1") : List.of("0")) {
                publish(sink, name, r, worker, t0 + r * 100_000L);
            }
        }
    }

    private static void publish(ReportSink sink, String name, int run, String worker, long start) {
        boolean sigmoid = name.endsWith("sigmoid");
        boolean uniform = name.startsWith("uniform");
        List<LayerInfo> layers = new ArrayList<>();
        int[] sizes = SyntheticReports.REFERENCE_MLP;
        for (int k = 0; k < LAYERS; k++) {
            layers.add(new LayerInfo("layer" + k, k, "DenseLayer", k == LAYERS - 1 ? "softmax" : sigmoid ? "sigmoid" : "relu",
                    List.of(new LayerInfo.ParameterInfo("W", (long) sizes[k] * sizes[k + 1], List.of((long) sizes[k], (long) sizes[k + 1])),
                            new LayerInfo.ParameterInfo("b", sizes[k + 1], List.of(1L, (long) sizes[k + 1])))));
        }
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("activation", sigmoid ? "sigmoid" : "relu");
        hp.put("weight_init", uniform ? "DISTRIBUTION" : "DISTRIBUTION");
        hp.put("updater", "Nesterovs");
        hp.put("learning_rate", 0.1);
        hp.put("init", uniform ? "uniform" : "xavier");
        hp.put("act", sigmoid ? "sigmoid" : "relu");
        hp.put("optimizer", "nesterovs");
        hp.put("lr", 0.1);
        sink.start(new SessionInfo(name, worker, start, "MultiLayerNetwork", layers, GradientScale.MEAN_LOSS, hp, "{}"));
        Verdict v = uniform && sigmoid
                ? new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 10, 5.0,
                "layer0/W gradient RMS is 5.0 decades below the output layer's")
                : uniform ? new Verdict(Verdict.Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer5", null, 20, 0.81,
                "81% of layer5's units are dead")
                : new Verdict(Verdict.Problem.SATURATED_UNITS, Verdict.Severity.NOTE, "layer3", null, 40, 0.3,
                "30% of layer3's outputs are saturated");
        for (int i = 0; i < ITERATIONS; i++) {
            long verdictStart = v.firstIteration();
            Diagnosis d = i < verdictStart ? Diagnosis.none()
                    : new Diagnosis(List.of(v), i == verdictStart ? List.of(v) : List.of(), List.of());
            sink.publish(step(name, run, worker, start, i, sigmoid, uniform, d));
            if (i == SKIPPED_ITERATION && name.equals("xavier_relu") && worker.equals("0")) {
                sink.recovery(new RecoveryEvent(name, worker, i, i / PER_EPOCH, start + i * 10L + 7,
                        RecoveryEvent.Action.SKIPPED, "gradient norm 1.6e+06 is 12132 sigma above the last 128 steps: "
                        + "batch skipped", 1.6e6, 4.2, -1, 1.0));
            }
            if (i % 10 == 9) {
                double acc = sigmoid && uniform ? 0.11 : Math.min(0.97, 0.3 + 0.15 * run + i / 120.0);
                sink.metric(new UserMetric(name, worker, "validation/accuracy", i, i / PER_EPOCH, start + i * 10L + 5, acc));
                sink.metric(new UserMetric(name, worker, "validation/loss", i, i / PER_EPOCH, start + i * 10L + 6,
                        sigmoid && uniform ? 2.30 : 2.3 - 1.8 * acc));
            }
        }
    }

    private static StepReport step(String name, int run, String worker, long start, int i, boolean sigmoid, boolean uniform,
                                   Diagnosis d) {
        List<ParameterReport> ps = new ArrayList<>();
        List<ActivationReport> as = new ArrayList<>();
        int[] sizes = SyntheticReports.REFERENCE_MLP;
        for (int k = 0; k < LAYERS; k++) {
            // log10 RMS at the output layer around -3; the slope towards the input is what differs.
            double slope = sigmoid ? (uniform ? 0.85 : 0.35) : (uniform ? 0.15 : 0.05);
            double rms = Math.pow(10, -3 - slope * (LAYERS - 1 - k)) * (1 + 0.3 * Math.sin(i / 7.0 + k));
            for (String p : new String[]{"W", "b"}) {
                long count = p.equals("W") ? (long) sizes[k] * sizes[k + 1] : sizes[k + 1];
                ps.add(new ParameterReport("layer" + k, p, k, SyntheticReports.stats(count, rms, 0, 0),
                        SyntheticReports.stats(count, rms * 0.1, 0, 0), SyntheticReports.stats(count, 0.05, 0, 0),
                        rms * 2, i % 5 == 0 ? SyntheticReports.histogram(count, rms) : null, null, null));
            }
            double dead = sigmoid ? Double.NaN : uniform ? Math.min(0.81, 0.1 * k + i / 200.0) : 0.02 * k;
            double saturated = sigmoid ? (uniform ? 0.0 : 0.05 * k) : Double.NaN;
            if (k < LAYERS - 1) {
                as.add(new ActivationReport("layer" + k, k, sigmoid ? "sigmoid" : "relu",
                        SyntheticReports.stats(sizes[k + 1] * 128L, 0.5, 0, 0), dead, saturated, null));
            }
        }
        double loss = sigmoid && uniform ? 2.302 : 2.3 * Math.exp(-i / (12.0 + 10 * run)) + 0.1;
        return new StepReport(name, worker, i, i / PER_EPOCH, start + i * 10L, loss, 128, GradientScale.MEAN_LOSS,
                1e-3, ps, as, i % 5 == 0, new Overhead(0.5, 0.3, 0.01, 0, 0), d);
    }
}

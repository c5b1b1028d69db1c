package io.gradwatch.offline;

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
import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.LogHistogram;
import io.gradwatch.tensorboard.TensorBoardSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes runs the way a training program does: synthetic reports of an MLP through gradwatch's own
 * {@link TensorBoardSink}. Layer k's gradient RMS at iteration i is {@code base * 10^(0.9 k) * (1 + i/100)}
 * (a vanishing-gradient profile); a "dead" run has all-zero gradients after iteration 0; a verdict
 * starts at iteration 20 and one is in force at the end.
 */
final class SinkRuns {

    static final String VERDICT = "layer0/W: gradient RMS 1.0e-07 is 4.0 decades below the output layer: vanishing gradient";

    final String name;
    final int layers;
    final double base;
    final boolean dead;
    final List<StepReport> reports = new ArrayList<>();
    /** With a gradient histogram of each layer's W in every report: {@link #histogram} (zeros once dead). */
    boolean histograms;

    SinkRuns(String name, int layers, double base, boolean dead) {
        this.name = name;
        this.layers = layers;
        this.base = base;
        this.dead = dead;
    }

    SinkRuns withHistograms() {
        histograms = true;
        return this;
    }

    /** W's 64 gradient values: 40 of 3e-5 and 24 of -2e-3; all 64 exactly 0 once a dead run has died. */
    LogHistogram histogram(long iteration) {
        long[] c = new long[LogHistogram.BIN_COUNT];
        if (dead && iteration > 0) {
            c[LogHistogram.ZERO_BIN] = 64;
        } else {
            c[LogHistogram.binOf(3e-5f)] = 40;
            c[LogHistogram.binOf(-2e-3f)] = 24;
        }
        return LogHistogram.of(c, 0, 0, 0);
    }

    /** Writes {@code iterations} reports (every 10th iteration) and a validation metric into {@code logDir/name}. */
    Path write(Path logDir, int iterations) {
        Path dir = logDir.resolve(name);
        TensorBoardSink sink = TensorBoardSink.create(dir);
        sink.start(session());
        Verdict v = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 20, 4.0, VERDICT);
        for (int i = 0; i < iterations; i += 10) {
            Diagnosis d = i < 20 ? Diagnosis.none()
                    : new Diagnosis(List.of(v), i == 20 ? List.of(v) : List.of(), List.of());
            StepReport r = step(i, d);
            reports.add(r);
            sink.publish(r);
            sink.metric(new UserMetric(name, "0", "validation/accuracy", i, 0, 1_700_000_000_000L + i, 0.1 + i / 1000.0));
        }
        sink.close();
        return dir;
    }

    SessionInfo session() {
        List<LayerInfo> infos = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            infos.add(new LayerInfo("layer" + k, k, k == layers - 1 ? "OutputLayer" : "DenseLayer",
                    k == layers - 1 ? "softmax" : "sigmoid", List.of(
                    new LayerInfo.ParameterInfo("W", 64, List.of(8L, 8L)),
                    new LayerInfo.ParameterInfo("b", 8, List.of(8L)))));
        }
        return new SessionInfo(name, "0", 1_700_000_000_000L, "MultiLayerNetwork", infos, GradientScale.MEAN_LOSS,
                Map.of("activation", "sigmoid", "lr", 0.1), "{}");
    }

    double gradientRms(int layer, long iteration) {
        return dead && iteration > 0 ? 0 : base * Math.pow(10, 0.9 * layer) * (1 + iteration / 100.0);
    }

    private StepReport step(long iteration, Diagnosis diagnosis) {
        List<ParameterReport> ps = new ArrayList<>();
        List<ActivationReport> as = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            double rms = gradientRms(k, iteration);
            for (String p : new String[]{"W", "b"}) {
                long count = p.equals("W") ? 64 : 8;
                ps.add(new ParameterReport("layer" + k, p, k, stats(count, rms), stats(count, rms * 0.1),
                        stats(count, 0.05), rms * 2, histograms && p.equals("W") ? histogram(iteration) : null, null, null));
            }
            as.add(new ActivationReport("layer" + k, k, "sigmoid", stats(8 * 32, 0.5), Double.NaN,
                    0.1 * k / layers, null));
        }
        return new StepReport(name, "0", iteration, 0, 1_700_000_000_000L + iteration, 2.3 - iteration / 1000.0, 32,
                GradientScale.MEAN_LOSS, 1e-3, ps, as, histograms, new Overhead(0.5, 0.3, 0.01, 0, 0), diagnosis);
    }

    private static ArrayStats stats(long count, double rms) {
        return new ArrayStats(count, rms * Math.sqrt(count), rms, rms * 0.8, rms * 4, -rms * 4, rms * 4, 0, rms, 0, 0,
                rms == 0 ? 1 : 0);
    }
}

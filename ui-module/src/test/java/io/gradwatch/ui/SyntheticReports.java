package io.gradwatch.ui;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.LogHistogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthetic sessions and reports with chosen layer names and values, for route tests and the
 * benchmark. The gradient RMS of layer k at iteration i is {@code base * 10^k * (1 + i/1000)}, so
 * depth profiles slope upward towards the output, as in a vanishing-gradient run.
 */
public final class SyntheticReports {

    /** The reference MLP of the vanishing-gradient experiment: 784-512-256-128-64-32-16-10. */
    public static final int[] REFERENCE_MLP = {784, 512, 256, 128, 64, 32, 16, 10};

    private final String session;
    private final List<String> layers;
    private final int[] sizes;
    private final long t0;

    public SyntheticReports(String session, List<String> layers, int[] sizes, long t0) {
        this.session = session;
        this.layers = List.copyOf(layers);
        this.sizes = sizes;
        this.t0 = t0;
    }

    /** The reference MLP's 7 dense layers named layer0..layer6. */
    public static SyntheticReports referenceMlp(String session) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < REFERENCE_MLP.length - 1; i++) {
            names.add("layer" + i);
        }
        return new SyntheticReports(session, names, REFERENCE_MLP, 1_700_000_000_000L);
    }

    public SessionInfo session() {
        List<LayerInfo> infos = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            long w = (long) sizes[k] * sizes[k + 1];
            infos.add(new LayerInfo(layers.get(k), k, "DenseLayer", "sigmoid", List.of(
                    new LayerInfo.ParameterInfo("W", w, List.of((long) sizes[k], (long) sizes[k + 1])),
                    new LayerInfo.ParameterInfo("b", sizes[k + 1], List.of(1L, (long) sizes[k + 1])))));
        }
        return new SessionInfo(session, "0", t0, "MultiLayerNetwork", infos, GradientScale.MEAN_LOSS,
                Map.of("activation", "sigmoid", "weightInit", "uniform"), "{}");
    }

    /** A report at {@code iteration}; {@code nonFinite} puts NaN and Inf into layer 0's gradient. */
    public StepReport step(long iteration, boolean histogram, boolean nonFinite, Diagnosis diagnosis) {
        List<ParameterReport> ps = new ArrayList<>();
        List<ActivationReport> as = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            double rms = 1e-7 * Math.pow(10, k) * (1 + iteration / 1000.0);
            for (String p : new String[]{"W", "b"}) {
                long count = p.equals("W") ? (long) sizes[k] * sizes[k + 1] : sizes[k + 1];
                boolean bad = nonFinite && k == 0 && p.equals("W");
                ArrayStats g = stats(count, bad ? Double.NaN : rms, bad ? 3 : 0, bad ? 2 : 0);
                ArrayStats u = stats(count, rms * 0.1, 0, 0);
                ArrayStats w = stats(count, 0.05, 0, 0);
                LogHistogram h = histogram ? histogram(count, rms) : null;
                ps.add(new ParameterReport(layers.get(k), p, k, g, u, w, bad ? Double.POSITIVE_INFINITY : rms * 2,
                        h, null, null));
            }
            as.add(new ActivationReport(layers.get(k), k, "sigmoid", stats(sizes[k + 1] * 128L, 0.5, 0, 0),
                    Double.NaN, 0.1 * k / layers.size(), null));
        }
        return new StepReport(session, "0", iteration, (int) (iteration / 469), t0 + iteration, 2.3, 128,
                GradientScale.MEAN_LOSS, 1e-3, ps, as, histogram, new Overhead(0.5, 0.3, 0.01, 0, 0), diagnosis);
    }

    static ArrayStats stats(long count, double rms, long nan, long inf) {
        double l2 = rms * Math.sqrt(count);
        return new ArrayStats(count, l2, rms, rms * 0.8, rms * 4, -rms * 4, rms * 4, 0, rms, nan, inf, 0);
    }

    static LogHistogram histogram(long count, double rms) {
        long[] c = new long[LogHistogram.BIN_COUNT];
        int center = LogHistogram.binOf((float) rms);
        c[center] += count / 2;
        c[Math.min(center + 1, LogHistogram.BIN_COUNT - 1)] += count / 4;
        c[2 * LogHistogram.ZERO_BIN - center] += count - count / 2 - count / 4;
        return LogHistogram.of(c, 0, 0, 0);
    }
}

package io.gradwatch.ui.store;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;

import java.util.Arrays;
import java.util.List;

/** Builds the compact {@link UpdateRecord} of a report or a user metric. */
public final class UpdateRecords {

    private UpdateRecords() {
    }

    /**
     * The record of {@code r}, whose {@code scalars} (from {@code r.scalars()}) are the columns of layout
     * number {@code layout}; histograms follow the report's parameter order, as {@link #layoutOf} lists them.
     */
    public static UpdateRecord fromReport(StepReport r, List<Scalar> scalars, int layout, long storageTimestamp) {
        UpdateRecord u = base(r.sessionId(), r.workerId(), storageTimestamp, UpdateRecord.KIND_REPORT,
                r.iteration(), r.epoch(), r.timestampMillis());
        u.loss = r.loss();
        u.batchSize = r.batchSize();
        u.totalNorm = r.gradientTotalNorm();
        u.layout = layout;
        u.values = new float[scalars.size()];
        for (int i = 0; i < u.values.length; i++) {
            u.values[i] = (float) scalars.get(i).value();
        }
        int n = r.parameters().size();
        if (r.parameters().stream().anyMatch(p -> p.gradientHistogram() != null)) {
            u.histStart = new int[n];
            u.hist = new long[n][];
            for (int i = 0; i < n; i++) {
                ParameterReport p = r.parameters().get(i);
                if (p.gradientHistogram() != null) {
                    long[] m = p.gradientHistogram().magnitudeCounts();
                    int first = 0;
                    int last = m.length - 1;
                    while (first <= last && m[first] == 0) {
                        first++;
                    }
                    while (last >= first && m[last] == 0) {
                        last--;
                    }
                    u.histStart[i] = first;
                    u.hist[i] = Arrays.copyOfRange(m, first, last + 1);
                }
            }
        }
        u.active = r.diagnosis().active();
        u.started = r.diagnosis().started();
        u.ended = r.diagnosis().ended();
        return u;
    }

    /** The layout of {@code r}: its scalars' canonical paths, its parameters, its layers' positions. */
    public static Layout layoutOf(StepReport r, List<Scalar> scalars) {
        List<io.gradwatch.report.SeriesKey> columns = scalars.stream().map(Scalar::key).toList();
        List<String> hist = r.parameters().stream().map(p -> parameterPath(p.layer(), p.parameter())).toList();
        java.util.Map<String, Integer> layers = new java.util.LinkedHashMap<>();
        r.parameters().forEach(p -> layers.putIfAbsent(p.layer(), p.layerIndex()));
        r.activations().forEach(a -> layers.putIfAbsent(a.layer(), a.layerIndex()));
        return new Layout(columns, hist, layers);
    }

    /** The canonical path of a parameter's gradient, e.g. gradients/layer0/W. */
    public static String parameterPath(String layer, String param) {
        return io.gradwatch.report.Kind.GRADIENTS.key() + "/" + layer + "/" + param;
    }

    public static UpdateRecord fromMetric(UserMetric m, long storageTimestamp) {
        UpdateRecord u = base(m.sessionId(), m.workerId(), storageTimestamp, UpdateRecord.KIND_METRIC,
                m.iteration(), m.epoch(), m.timestampMillis());
        u.metricName = m.name();
        u.metricValue = m.value();
        return u;
    }

    private static UpdateRecord base(String session, String worker, long ts, byte kind, long iteration, int epoch,
                                     long wall) {
        UpdateRecord u = new UpdateRecord();
        u.key(session, worker, ts);
        u.kind = kind;
        u.iteration = iteration;
        u.epoch = epoch;
        u.wallTimeMillis = wall;
        return u;
    }
}

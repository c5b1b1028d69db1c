package io.gradwatch.ui;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.stats.ArrayStats;

/** Builds the compact {@link UpdateRecord} of a report or a user metric. */
final class UpdateRecords {

    private UpdateRecords() {
    }

    static UpdateRecord fromReport(StepReport r, long storageTimestamp) {
        UpdateRecord u = base(r.sessionId(), r.workerId(), storageTimestamp, UpdateRecord.KIND_REPORT,
                r.iteration(), r.epoch(), r.timestampMillis());
        u.loss = r.loss();
        u.batchSize = r.batchSize();
        u.totalNorm = r.gradientTotalNorm();
        int n = r.parameters().size();
        u.layers = new String[n];
        u.params = new String[n];
        u.layerIndex = new int[n];
        u.stats = new double[n * UpdateRecord.STRIDE];
        u.histStart = new int[n];
        u.hist = new long[n][];
        for (int i = 0; i < n; i++) {
            ParameterReport p = r.parameters().get(i);
            u.layers[i] = p.layer();
            u.params[i] = p.parameter();
            u.layerIndex[i] = p.layerIndex();
            ArrayStats g = p.gradient();
            int o = i * UpdateRecord.STRIDE;
            u.stats[o + UpdateRecord.G_RMS] = g.rms();
            u.stats[o + UpdateRecord.G_L2] = g.l2();
            u.stats[o + UpdateRecord.G_MEAN_ABS] = g.meanAbs();
            u.stats[o + UpdateRecord.G_MAX_ABS] = g.maxAbs();
            u.stats[o + UpdateRecord.G_NAN] = g.nanCount();
            u.stats[o + UpdateRecord.G_INF] = g.infCount();
            u.stats[o + UpdateRecord.U_RMS] = p.update() == null ? Double.NaN : p.update().rms();
            u.stats[o + UpdateRecord.W_RMS] = p.weights() == null ? Double.NaN : p.weights().rms();
            u.stats[o + UpdateRecord.RATIO] = p.updateRatio();
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
                u.hist[i] = java.util.Arrays.copyOfRange(m, first, last + 1);
            }
        }
        int na = r.activations().size();
        u.actLayers = new String[na];
        u.actIndex = new int[na];
        u.activations = new double[na * UpdateRecord.ACT_STRIDE];
        for (int i = 0; i < na; i++) {
            ActivationReport a = r.activations().get(i);
            u.actLayers[i] = a.layer();
            u.actIndex[i] = a.layerIndex();
            u.activations[i * UpdateRecord.ACT_STRIDE] = a.deadFraction();
            u.activations[i * UpdateRecord.ACT_STRIDE + 1] = a.saturatedFraction();
            u.activations[i * UpdateRecord.ACT_STRIDE + 2] = a.stats().nanCount() + a.stats().infCount();
        }
        u.active = r.diagnosis().active();
        u.started = r.diagnosis().started();
        u.ended = r.diagnosis().ended();
        return u;
    }

    static UpdateRecord fromMetric(UserMetric m, long storageTimestamp) {
        UpdateRecord u = base(m.sessionId(), m.workerId(), storageTimestamp, UpdateRecord.KIND_METRIC,
                m.iteration(), m.epoch(), m.timestampMillis());
        u.metricName = m.name();
        u.metricValue = m.value();
        return u;
    }

    private static UpdateRecord base(String session, String worker, long ts, byte kind, long iteration, int epoch,
                                     long wall) {
        UpdateRecord u = new UpdateRecord();
        u.sessionId = session;
        u.workerId = worker;
        u.timestamp = ts;
        u.kind = kind;
        u.iteration = iteration;
        u.epoch = epoch;
        u.wallTimeMillis = wall;
        return u;
    }
}

package io.gradwatch.ui;

import io.gradwatch.report.Verdict;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One gradwatch update in DL4J's StatsStorage (built by {@link UpdateRecords}): either the compact form
 * of one {@link io.gradwatch.report.StepReport}
 * (per-parameter statistics in one flat array, gradient histogram magnitude counts when present,
 * activation health, verdicts) or one {@link io.gradwatch.report.UserMetric}. The storage timestamp is unique per
 * (session, worker); the step's own wall time is kept apart in {@link #wallTimeMillis()}.
 */
public final class UpdateRecord extends BinaryRecord {

    private static final long serialVersionUID = 1L;

    /** Values per parameter in {@link #stats()}, at these offsets. */
    public static final int STRIDE = 9;
    public static final int G_RMS = 0;
    public static final int G_L2 = 1;
    public static final int G_MEAN_ABS = 2;
    public static final int G_MAX_ABS = 3;
    public static final int G_NAN = 4;
    public static final int G_INF = 5;
    public static final int U_RMS = 6;
    public static final int W_RMS = 7;
    public static final int RATIO = 8;
    /** Values per activation in {@link #activations()}: dead fraction, saturated fraction, non-finite count. */
    public static final int ACT_STRIDE = 3;

    static final byte KIND_REPORT = 0;
    static final byte KIND_METRIC = 1;

    byte kind;
    long iteration;
    int epoch;
    long wallTimeMillis;
    double loss = Double.NaN;
    int batchSize;
    double totalNorm = Double.NaN;
    String[] layers = new String[0];
    String[] params = new String[0];
    int[] layerIndex = new int[0];
    double[] stats = new double[0];
    int[] histStart = new int[0];
    long[][] hist = new long[0][];
    String[] actLayers = new String[0];
    int[] actIndex = new int[0];
    double[] activations = new double[0];
    List<Verdict> active = List.of();
    List<Verdict> started = List.of();
    List<Verdict> ended = List.of();
    String metricName;
    double metricValue = Double.NaN;

    /** For DL4J's storages, which re-create records by class name and then decode them. */
    public UpdateRecord() {
    }

    /** True when thinning must keep this record: it carries a user metric or a verdict change. */
    boolean pinned() {
        return kind == KIND_METRIC || !started.isEmpty() || !ended.isEmpty();
    }

    @Override
    void write(DataOutputStream out) throws IOException {
        out.writeByte(kind);
        out.writeLong(iteration);
        out.writeInt(epoch);
        out.writeLong(wallTimeMillis);
        out.writeDouble(loss);
        out.writeInt(batchSize);
        out.writeDouble(totalNorm);
        out.writeInt(layers.length);
        for (int i = 0; i < layers.length; i++) {
            writeString(out, layers[i]);
            writeString(out, params[i]);
            out.writeInt(layerIndex[i]);
            for (int k = 0; k < STRIDE; k++) {
                out.writeDouble(stats[i * STRIDE + k]);
            }
            long[] h = hist[i];
            out.writeInt(h == null ? -1 : h.length);
            if (h != null) {
                out.writeInt(histStart[i]);
                for (long c : h) {
                    out.writeLong(c);
                }
            }
        }
        out.writeInt(actLayers.length);
        for (int i = 0; i < actLayers.length; i++) {
            writeString(out, actLayers[i]);
            out.writeInt(actIndex[i]);
            for (int k = 0; k < ACT_STRIDE; k++) {
                out.writeDouble(activations[i * ACT_STRIDE + k]);
            }
        }
        writeVerdicts(out, active);
        writeVerdicts(out, started);
        writeVerdicts(out, ended);
        writeString(out, metricName);
        out.writeDouble(metricValue);
    }

    @Override
    void read(DataInputStream in) throws IOException {
        kind = in.readByte();
        iteration = in.readLong();
        epoch = in.readInt();
        wallTimeMillis = in.readLong();
        loss = in.readDouble();
        batchSize = in.readInt();
        totalNorm = in.readDouble();
        int n = in.readInt();
        layers = new String[n];
        params = new String[n];
        layerIndex = new int[n];
        stats = new double[n * STRIDE];
        histStart = new int[n];
        hist = new long[n][];
        for (int i = 0; i < n; i++) {
            layers[i] = readString(in);
            params[i] = readString(in);
            layerIndex[i] = in.readInt();
            for (int k = 0; k < STRIDE; k++) {
                stats[i * STRIDE + k] = in.readDouble();
            }
            int hl = in.readInt();
            if (hl >= 0) {
                histStart[i] = in.readInt();
                hist[i] = new long[hl];
                for (int k = 0; k < hl; k++) {
                    hist[i][k] = in.readLong();
                }
            }
        }
        int na = in.readInt();
        actLayers = new String[na];
        actIndex = new int[na];
        activations = new double[na * ACT_STRIDE];
        for (int i = 0; i < na; i++) {
            actLayers[i] = readString(in);
            actIndex[i] = in.readInt();
            for (int k = 0; k < ACT_STRIDE; k++) {
                activations[i * ACT_STRIDE + k] = in.readDouble();
            }
        }
        active = readVerdicts(in);
        started = readVerdicts(in);
        ended = readVerdicts(in);
        metricName = readString(in);
        metricValue = in.readDouble();
    }

    public boolean isMetric() {
        return kind == KIND_METRIC;
    }

    public long iteration() {
        return iteration;
    }

    public int epoch() {
        return epoch;
    }

    public long wallTimeMillis() {
        return wallTimeMillis;
    }

    public double loss() {
        return loss;
    }

    public int batchSize() {
        return batchSize;
    }

    public double totalNorm() {
        return totalNorm;
    }

    public int parameterCount() {
        return layers.length;
    }

    public String layer(int i) {
        return layers[i];
    }

    public String param(int i) {
        return params[i];
    }

    public int layerIndex(int i) {
        return layerIndex[i];
    }

    /** Statistic {@code offset} (G_RMS, RATIO, ...) of parameter {@code i}. */
    public double stat(int i, int offset) {
        return stats[i * STRIDE + offset];
    }

    /** Gradient magnitude counts of parameter {@code i} (LogHistogram.magnitudeCounts layout), or null. */
    public long[] magnitudeCounts(int i, int bins) {
        if (hist[i] == null) {
            return null;
        }
        long[] full = new long[bins];
        System.arraycopy(hist[i], 0, full, histStart[i], hist[i].length);
        return full;
    }

    public int activationCount() {
        return actLayers.length;
    }

    public String activationLayer(int i) {
        return actLayers[i];
    }

    public int activationLayerIndex(int i) {
        return actIndex[i];
    }

    public double deadFraction(int i) {
        return activations[i * ACT_STRIDE];
    }

    public double saturatedFraction(int i) {
        return activations[i * ACT_STRIDE + 1];
    }

    public double activationNonFinite(int i) {
        return activations[i * ACT_STRIDE + 2];
    }

    public List<Verdict> active() {
        return active;
    }

    public List<Verdict> started() {
        return started;
    }

    public List<Verdict> ended() {
        return ended;
    }

    public String metricName() {
        return metricName;
    }

    public double metricValue() {
        return metricValue;
    }
}

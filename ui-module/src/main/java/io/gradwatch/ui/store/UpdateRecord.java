package io.gradwatch.ui.store;

import io.gradwatch.report.Verdict;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One gradwatch update in DL4J's StatsStorage (built by {@link UpdateRecords}): either one
 * {@link io.gradwatch.report.StepReport} or one {@link io.gradwatch.report.UserMetric}. A report's series
 * values are stored without names, in the order of its session's {@link Layout} number {@link #layout()}
 * (canonical {@code SeriesKey} paths, kept once in the {@link SessionRecord}); gradient histogram
 * magnitude counts follow the layout's histogram list. The storage timestamp is unique per (session,
 * worker); the step's own wall time is kept apart in {@link #wallTimeMillis()}.
 */
public final class UpdateRecord extends BinaryRecord {

    private static final long serialVersionUID = 2L;

    public static final byte KIND_REPORT = 0;
    public static final byte KIND_METRIC = 1;

    byte kind;
    long iteration;
    int epoch;
    long wallTimeMillis;
    double loss = Double.NaN;
    int batchSize;
    double totalNorm = Double.NaN;
    int layout;
    /** Floats: the statistics come from float arrays, and a record is then half the size (NaN/Inf kept). */
    float[] values = new float[0];
    int[] histStart = new int[0];
    long[][] hist = new long[0][];
    List<Verdict> active = List.of();
    List<Verdict> started = List.of();
    List<Verdict> ended = List.of();
    String metricName;
    double metricValue = Double.NaN;

    /** For DL4J's storages, which re-create records by class name and then decode them. */
    public UpdateRecord() {
    }

    /** True when thinning must keep this record: it carries a user metric or a verdict change. */
    public boolean pinned() {
        return kind == KIND_METRIC || !started.isEmpty() || !ended.isEmpty();
    }

    @Override
    protected void write(DataOutputStream out) throws IOException {
        out.writeByte(kind);
        out.writeLong(iteration);
        out.writeInt(epoch);
        out.writeLong(wallTimeMillis);
        out.writeDouble(loss);
        out.writeInt(batchSize);
        out.writeDouble(totalNorm);
        out.writeInt(layout);
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
        out.writeInt(hist.length);
        for (int i = 0; i < hist.length; i++) {
            long[] h = hist[i];
            out.writeInt(h == null ? -1 : h.length);
            if (h != null) {
                out.writeInt(histStart[i]);
                for (long c : h) {
                    out.writeLong(c);
                }
            }
        }
        writeVerdicts(out, active);
        writeVerdicts(out, started);
        writeVerdicts(out, ended);
        writeString(out, metricName);
        out.writeDouble(metricValue);
    }

    @Override
    protected void read(DataInputStream in) throws IOException {
        kind = in.readByte();
        iteration = in.readLong();
        epoch = in.readInt();
        wallTimeMillis = in.readLong();
        loss = in.readDouble();
        batchSize = in.readInt();
        totalNorm = in.readDouble();
        layout = in.readInt();
        values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        int nh = in.readInt();
        histStart = new int[nh];
        hist = new long[nh][];
        for (int i = 0; i < nh; i++) {
            int hl = in.readInt();
            if (hl >= 0) {
                histStart[i] = in.readInt();
                hist[i] = new long[hl];
                for (int k = 0; k < hl; k++) {
                    hist[i][k] = in.readLong();
                }
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

    /** Which of the session's layouts names {@link #value(int)}'s columns. */
    public int layout() {
        return layout;
    }

    public int valueCount() {
        return values.length;
    }

    /** The value of column {@code i} of this record's layout (NaN when i is -1, i.e. the series is absent). */
    public double value(int i) {
        return i < 0 || i >= values.length ? Double.NaN : values[i];
    }

    /** Gradient magnitude counts of histogram {@code i} of the layout (LogHistogram.magnitudeCounts layout), or null. */
    public long[] magnitudeCounts(int i, int bins) {
        if (i < 0 || i >= hist.length || hist[i] == null) {
            return null;
        }
        long[] full = new long[bins];
        System.arraycopy(hist[i], 0, full, histStart[i], hist[i].length);
        return full;
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

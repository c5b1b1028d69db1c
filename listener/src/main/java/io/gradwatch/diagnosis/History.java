package io.gradwatch.diagnosis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The last {@code capacity} reports of one worker as aligned series: every series has one slot per
 * report, NaN where the report did not carry it. Rules read windows of it, oldest first.
 */
final class History {

    /** What a series measures; each rule keeps its own measures. */
    enum Measure {
        LOSS, VANISHING_DECADES, GRADIENT_RMS, OUTPUT_GRADIENT_RMS, RATIO_DECADES, UPDATE_RATIO, OUTPUT_UPDATE_RATIO,
        LOG_GRADIENT_RMS, DEAD_FRACTION, SATURATED_FRACTION, GRADIENT_ZERO, UPDATE_ZERO, GRADIENT_SPREAD
    }

    /** A series: one measure of one subject ("layer0/W", "layer1"), or of the whole run (subject ""). */
    record Key(Measure measure, String subject) {
    }

    private final int capacity;
    private final long[] iterations;
    private final Map<Key, double[]> series = new HashMap<>();
    private int head = -1;
    private int size;

    History(int capacity) {
        this.capacity = capacity;
        this.iterations = new long[capacity];
    }

    /** Opens the slot of a new report; every series reads NaN there until {@link #put} fills it. */
    void begin(long iteration) {
        head = (head + 1) % capacity;
        size = Math.min(size + 1, capacity);
        iterations[head] = iteration;
        for (double[] values : series.values()) {
            values[head] = Double.NaN;
        }
    }

    void put(Key key, double value) {
        series.computeIfAbsent(key, k -> {
            double[] a = new double[capacity];
            Arrays.fill(a, Double.NaN);
            return a;
        })[head] = value;
    }

    /** Reports seen so far, at most the capacity. */
    int size() {
        return size;
    }

    /** The last {@code n} values of {@code key}, oldest first (fewer when fewer reports were seen). */
    double[] last(Key key, int n) {
        int count = Math.min(n, size);
        double[] out = new double[count];
        double[] values = series.get(key);
        for (int i = 0; i < count; i++) {
            out[i] = values == null ? Double.NaN : values[index(count - 1 - i)];
        }
        return out;
    }

    /** The iteration of the report {@code back} reports ago (0 = the current one). */
    long iteration(int back) {
        return iterations[index(back)];
    }

    /**
     * Iterations covered by the last {@code n} reports: from the oldest to the newest, plus one
     * sampling interval (so 10 reports taken every 10 iterations cover 100 iterations).
     */
    long spanIterations(int n) {
        int count = Math.min(n, size);
        if (count < 2) {
            return 1;
        }
        long step = iteration(0) - iteration(1);
        return iteration(0) - iteration(count - 1) + Math.max(1, step);
    }

    private int index(int back) {
        return Math.floorMod(head - back, capacity);
    }

    /** Median of the finite values, or NaN when fewer than half of {@code values} are finite. */
    static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0 || finite.length * 2 < values.length) {
            return Double.NaN;
        }
        int mid = finite.length / 2;
        return finite.length % 2 == 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
    }

    /** Index of the smallest finite value, or -1. */
    static int argMin(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && (best < 0 || values[i] < values[best])) {
                best = i;
            }
        }
        return best;
    }
}

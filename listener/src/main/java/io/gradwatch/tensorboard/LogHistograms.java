package io.gradwatch.tensorboard;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Kind;
import io.gradwatch.report.ParameterId;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.LogHistogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts gradwatch's power-of-two {@link LogHistogram} into a TensorBoard {@link HistogramData}
 * whose bucket limits are gradwatch's bin edges, so TensorBoard shows exactly the bins gradwatch
 * counted:
 * <ul>
 *   <li>bucket limits are the bins' right edges: -2^20 (values at or below -2^20), -2^19 ... -2^-40,
 *       0, 2^-40 ... 2^20, then DBL_MAX (values at or above 2^20);</li>
 *   <li>the bin of exact zeros and the positive underflow bin (0, 2^-40) are one bucket [0, 2^-40),
 *       since a bucket of width 0 cannot be drawn; negative underflow is [-2^-40, 0);</li>
 *   <li>a negative value exactly on a power of two counts in the bucket below its edge (gradwatch
 *       bins negative magnitudes by exponent); every other value lies in TensorFlow's
 *       [previous limit, limit) convention;</li>
 *   <li>NaN and infinities are never inside: the histogram holds the finite values only
 *       (their counts are published as scalars);</li>
 *   <li>runs of empty bins are collapsed into one bucket, as TensorFlow encodes its histograms;</li>
 *   <li>empty bins below the lowest and above the highest non-empty bin are not written: TensorBoard
 *       draws the first bucket from min and the last to max, and its Rust loader (2.21,
 *       {@code --load_fast=true}) keeps empty end buckets, which then run backwards (issue 14).</li>
 * </ul>
 * min and max come from the statistics when they are finite. When the array also held infinities
 * (so the statistics are not finite), min, max, sum and sum of squares are estimated from the bins.
 */
final class LogHistograms {

    private LogHistograms() {
    }

    /** Every histogram a report carries, as Summary.Values tagged {@code <kind>/<layer>/<param>} or {@code activations/<layer>}. */
    static List<byte[]> values(StepReport report) {
        List<byte[]> out = new ArrayList<>();
        for (ParameterReport p : report.parameters()) {
            addHistogram(out, Kind.GRADIENTS, p.layer(), p.parameter(), p.gradientHistogram(), p.gradient());
            addHistogram(out, Kind.UPDATES, p.layer(), p.parameter(), p.updateHistogram(), p.update());
            addHistogram(out, Kind.WEIGHTS, p.layer(), p.parameter(), p.weightHistogram(), p.weights());
        }
        for (ActivationReport a : report.activations()) {
            addHistogram(out, Kind.ACTIVATIONS, a.layer(), null, a.histogram(), a.stats());
        }
        return out;
    }

    private static void addHistogram(List<byte[]> out, Kind kind, String layer, String param, LogHistogram h,
                                     ArrayStats stats) {
        if (h == null) {
            return;
        }
        HistogramData data = toHistogram(h, stats);
        if (data != null) {
            out.add(Values.histogram(Tags.histogram(kind, new ParameterId(layer, param)), data));
        }
    }

    /** The histogram of the finite values, or null when there are none (nothing to draw). */
    static HistogramData toHistogram(LogHistogram h, ArrayStats stats) {
        long finite = h.finiteCount();
        if (finite == 0) {
            return null;
        }
        int bins = LogHistogram.BIN_COUNT;
        int zero = LogHistogram.ZERO_BIN;
        double[] limits = new double[bins - 1];
        double[] counts = new double[bins - 1];
        int n = 0;
        for (int i = 0; i < bins; i++) {
            if (i == zero) {
                continue; // merged into the positive underflow bucket below
            }
            double upper = LogHistogram.upperEdge(i);
            limits[n] = upper == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : upper + 0.0; // -0.0 -> 0.0
            counts[n] = h.count(i) + (i == zero + 1 ? h.count(zero) : 0);
            n++;
        }
        int first = 0;
        while (counts[first] == 0) {
            first++;
        }
        int last = n - 1;
        while (counts[last] == 0) {
            last--;
        }
        limits = Arrays.copyOfRange(limits, first, last + 1);
        counts = Arrays.copyOfRange(counts, first, last + 1);
        double min = stats != null && Double.isFinite(stats.min()) ? stats.min() : edgeEstimate(h, true);
        double max = stats != null && Double.isFinite(stats.max()) ? stats.max() : edgeEstimate(h, false);
        double sum;
        double sumSquares;
        if (stats != null && !stats.hasNonFinite() && Double.isFinite(stats.mean()) && Double.isFinite(stats.l2())) {
            sum = stats.mean() * finite;
            sumSquares = stats.l2() * stats.l2();
        } else {
            double[] s = binSums(h);
            sum = s[0];
            sumSquares = s[1];
        }
        return new HistogramData(min, max, finite, sum, sumSquares, limits, counts).collapseEmptyRuns();
    }

    /** The finite edge of the lowest (or highest) non-empty bin. */
    private static double edgeEstimate(LogHistogram h, boolean lowest) {
        int bins = LogHistogram.BIN_COUNT;
        for (int k = 0; k < bins; k++) {
            int i = lowest ? k : bins - 1 - k;
            if (h.count(i) > 0) {
                double lower = LogHistogram.lowerEdge(i);
                double upper = LogHistogram.upperEdge(i);
                if (lowest) {
                    return Double.isFinite(lower) ? lower : upper;
                }
                return Double.isFinite(upper) ? upper : lower;
            }
        }
        return 0;
    }

    /** Sum and sum of squares, taking each value at its bin's midpoint (the finite edge for overflow bins). */
    private static double[] binSums(LogHistogram h) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < LogHistogram.BIN_COUNT; i++) {
            long c = h.count(i);
            if (c == 0) {
                continue;
            }
            double lo = LogHistogram.lowerEdge(i);
            double hi = LogHistogram.upperEdge(i);
            double mid = !Double.isFinite(lo) ? hi : !Double.isFinite(hi) ? lo : (lo + hi) / 2;
            sum += c * mid;
            squares += c * mid * mid;
        }
        return new double[]{sum, squares};
    }
}

package io.gradwatch.offline;

import io.gradwatch.stats.LogHistogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The page's {@code heatmap} answer of one parameter (docs/ui.md), from the gradient histograms in the
 * event files ({@code gradients/<layer>/<param>}): rows are the page's decimal decades of |g| (a row
 * for zeros, one below and one above LogHistogram's range, and the decades between, each gathering the
 * octaves whose geometric centre lies in it), columns the steps that carried a histogram.
 *
 * <p>gradwatch writes its power-of-two bins as TensorBoard buckets, one octave each, so a bucket's
 * octave is read from its power-of-two edge. TensorBoard's bucket [0, 2^-40) holds both exact zeros and
 * the smallest positive values; the parameter's {@code zero_fraction} at that step splits it.
 */
final class HeatmapAnswer {

    static final int MIN_EXPONENT = LogHistogram.MIN_EXPONENT;
    static final int MAX_EXPONENT = LogHistogram.MAX_EXPONENT;
    private static final List<String> LABELS = new ArrayList<>();
    private static final List<double[]> EDGES = new ArrayList<>();
    /** Row of each octave MIN_EXPONENT .. MAX_EXPONENT - 1. */
    private static final int[] ROW_OF_OCTAVE = new int[MAX_EXPONENT - MIN_EXPONENT];

    static {
        LABELS.add("0");
        EDGES.add(new double[]{0, 0});
        LABELS.add("<1e" + decadeOf(MIN_EXPONENT));
        EDGES.add(new double[]{0, Math.scalb(1.0, MIN_EXPONENT)});
        int last = Integer.MIN_VALUE;
        for (int e = MIN_EXPONENT; e < MAX_EXPONENT; e++) {
            int d = decadeOf(e);
            if (d != last) {
                LABELS.add("1e" + d);
                EDGES.add(new double[]{Math.scalb(1.0, e), 0});
                last = d;
            }
            EDGES.get(EDGES.size() - 1)[1] = Math.scalb(1.0, e + 1);
            ROW_OF_OCTAVE[e - MIN_EXPONENT] = LABELS.size() - 1;
        }
        LABELS.add(">=1e" + (decadeOf(MAX_EXPONENT) + 1));
        EDGES.add(new double[]{Math.scalb(1.0, MAX_EXPONENT), Double.POSITIVE_INFINITY});
    }

    private HeatmapAnswer() {
    }

    /** The decade holding the geometric centre of the octave [2^e, 2^(e+1)), as the page's rows are made. */
    static int decadeOf(int e) {
        return (int) Math.floor((e + 0.5) * Math.log10(2));
    }

    static List<String> labels() {
        return List.copyOf(LABELS);
    }

    static Map<String, Object> of(RunView run, String layer, String param, NavigableMap<Long, HistogramRows> histograms,
                                  int columns) {
        List<Long> steps = SeriesAnswer.stride(List.copyOf(histograms.keySet()), columns);
        List<Object> rows = new ArrayList<>();
        for (int r = 0; r < LABELS.size(); r++) {
            rows.add(Map.of("index", r, "label", LABELS.get(r), "low", EDGES.get(r)[0], "high", EDGES.get(r)[1]));
        }
        List<Object> cells = new ArrayList<>();
        double max = 0;
        for (int c = 0; c < steps.size(); c++) {
            Double zeroFraction = run.value("gradients/" + layer + "/" + param + "/zero_fraction", steps.get(c));
            double[] byRow = counts(histograms.get(steps.get(c)), zeroFraction);
            for (int r = 0; r < byRow.length; r++) {
                if (byRow[r] > 0) {
                    cells.add(List.of(c, r, Math.round(byRow[r])));
                    max = Math.max(max, Math.round(byRow[r]));
                }
            }
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", run.name());
        j.put("worker", PageData.WORKER);
        j.put("layer", layer);
        j.put("param", param);
        j.put("rows", rows);
        j.put("iterations", steps);
        j.put("cells", cells);
        j.put("maxCount", (long) max);
        return j;
    }

    /**
     * The octave of a bucket whose magnitudes run from lo to hi: from its power-of-two edge (the outer
     * buckets end at the data's min or max instead), else from its geometric centre (other writers' bins).
     */
    static int octave(double lo, double hi) {
        if (isPowerOfTwo(lo)) {
            return Math.getExponent(lo);
        }
        if (isPowerOfTwo(hi)) {
            return Math.getExponent(hi) - 1;
        }
        return Math.getExponent(Math.sqrt(lo * hi));
    }

    private static boolean isPowerOfTwo(double x) {
        return x > 0 && x == Math.scalb(1.0, Math.getExponent(x));
    }

    /** Counts per row of one histogram; {@code zeroFraction} (or null) splits the bucket that holds 0. */
    static double[] counts(HistogramRows h, Double zeroFraction) {
        double[] byRow = new double[LABELS.size()];
        double total = h.total();
        for (int i = 0; i < h.count().length; i++) {
            double l = h.left()[i];
            double r = h.right()[i];
            double c = h.count()[i];
            if (c <= 0) {
                continue;
            }
            if ((l <= 0 && r > 0) || (l == 0 && r == 0)) { // the bucket holding 0 (with the values nearest to it)
                double zeros = zeroFraction == null || !Double.isFinite(zeroFraction) ? c
                        : Math.min(c, Math.rint(zeroFraction * total));
                byRow[0] += zeros;
                byRow[1] += c - zeros;
                continue;
            }
            int e = octave(Math.min(Math.abs(l), Math.abs(r)), Math.max(Math.abs(l), Math.abs(r)));
            byRow[e < MIN_EXPONENT ? 1 : e >= MAX_EXPONENT ? byRow.length - 1 : ROW_OF_OCTAVE[e - MIN_EXPONENT]] += c;
        }
        return byRow;
    }
}

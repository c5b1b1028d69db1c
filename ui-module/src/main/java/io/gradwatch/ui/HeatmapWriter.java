package io.gradwatch.ui;

import io.gradwatch.stats.LogHistogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one parameter's gradient histograms over time as a heatmap: rows are log-magnitude bins
 * (LogHistogram's magnitude layout: zeros, underflow, one row per octave, overflow), columns are
 * iterations that carried a histogram, cells are counts (only non-zero cells are listed, as
 * [column, row, count]).
 */
final class HeatmapWriter {

    private HeatmapWriter() {
    }

    static Json write(String session, String worker, String layer, String param, List<UpdateRecord> all,
                      int columns) {
        List<UpdateRecord> withHist = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        int hint = 0;
        for (UpdateRecord u : all) {
            if (u.isMetric()) {
                continue;
            }
            int k = SeriesWriter.find(u, layer, param, hint);
            if (k >= 0 && u.magnitudeCounts(k, GradientsApi.MAGNITUDE_BINS) != null) {
                withHist.add(u);
                index.add(k);
                hint = k;
            }
        }
        int n = withHist.size();
        int cols = Math.min(n, columns);
        Json j = new Json().beginObject().field("session", session).field("worker", worker).field("layer", layer)
                .field("param", param).name("bins").beginArray();
        for (int m = 0; m < GradientsApi.MAGNITUDE_BINS; m++) {
            j.beginObject().field("index", m).field("low", LogHistogram.lowerEdge(LogHistogram.ZERO_BIN + m))
                    .field("high", LogHistogram.upperEdge(LogHistogram.ZERO_BIN + m))
                    .field("label", label(m)).endObject();
        }
        j.endArray().name("iterations").beginArray();
        int[] pick = new int[cols];
        for (int c = 0; c < cols; c++) {
            pick[c] = cols == 1 ? n - 1 : (int) ((long) c * (n - 1) / (cols - 1));
            j.value(withHist.get(pick[c]).iteration());
        }
        j.endArray().name("cells").beginArray();
        long max = 0;
        for (int c = 0; c < cols; c++) {
            long[] counts = withHist.get(pick[c]).magnitudeCounts(index.get(pick[c]), GradientsApi.MAGNITUDE_BINS);
            for (int m = 0; m < counts.length; m++) {
                if (counts[m] > 0) {
                    j.beginArray().value(c).value(m).value(counts[m]).endArray();
                    max = Math.max(max, counts[m]);
                }
            }
        }
        return j.endArray().field("maxCount", max).endObject();
    }

    /** Human label of magnitude bin {@code m}. */
    static String label(int m) {
        if (m == 0) {
            return "0";
        }
        if (m == 1) {
            return "<2^" + LogHistogram.MIN_EXPONENT;
        }
        if (m == LogHistogram.OCTAVES + 2) {
            return ">=2^" + LogHistogram.MAX_EXPONENT;
        }
        return "2^" + (LogHistogram.MIN_EXPONENT + m - 2);
    }
}

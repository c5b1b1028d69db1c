package io.gradwatch.ui.http;

import io.gradwatch.stats.LogHistogram;
import io.gradwatch.ui.store.Layout;
import io.gradwatch.ui.store.SessionRecord;
import io.gradwatch.ui.store.UpdateRecord;
import io.gradwatch.ui.store.UpdateRecords;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one parameter's gradient histograms over time as a heatmap: rows are decimal decades of |g|
 * (each row gathers the power-of-two bins of LogHistogram whose geometric centre lies in that decade,
 * so the row labelled 1e-8 holds magnitudes of about 1e-8 to 1e-7), plus a row for exact zeros, one
 * below and one above the histogram's range. Columns are iterations that carried a histogram; cells
 * are counts (only non-zero cells are listed, as [column, row, count]).
 */
public final class HeatmapWriter {

    /** Magnitude bins of LogHistogram: zeros, underflow, one per octave, overflow. */
    public static final int MAGNITUDE_BINS = LogHistogram.OCTAVES + 3;
    private static final int[] ROW_OF_BIN = new int[MAGNITUDE_BINS];
    private static final List<String> ROW_LABELS = new ArrayList<>();
    private static final List<double[]> ROW_EDGES = new ArrayList<>();

    static {
        ROW_LABELS.add("0");
        ROW_EDGES.add(new double[]{0, 0});
        ROW_LABELS.add("<" + decadeLabel(decadeOf(LogHistogram.MIN_EXPONENT)));
        ROW_EDGES.add(new double[]{0, Math.scalb(1.0, LogHistogram.MIN_EXPONENT)});
        ROW_OF_BIN[0] = 0;
        ROW_OF_BIN[1] = 1;
        int lastDecade = Integer.MIN_VALUE;
        for (int m = 2; m < MAGNITUDE_BINS - 1; m++) {
            int e = LogHistogram.MIN_EXPONENT + m - 2;
            int d = decadeOf(e);
            if (d != lastDecade) {
                ROW_LABELS.add(decadeLabel(d));
                ROW_EDGES.add(new double[]{Math.scalb(1.0, e), Math.scalb(1.0, e + 1)});
                lastDecade = d;
            }
            ROW_EDGES.get(ROW_EDGES.size() - 1)[1] = Math.scalb(1.0, e + 1);
            ROW_OF_BIN[m] = ROW_LABELS.size() - 1;
        }
        ROW_LABELS.add(">=" + decadeLabel(decadeOf(LogHistogram.MAX_EXPONENT) + 1));
        ROW_EDGES.add(new double[]{Math.scalb(1.0, LogHistogram.MAX_EXPONENT), Double.POSITIVE_INFINITY});
        ROW_OF_BIN[MAGNITUDE_BINS - 1] = ROW_LABELS.size() - 1;
    }

    private HeatmapWriter() {
    }

    /** The decade holding the geometric centre of the octave [2^e, 2^(e+1)). */
    public static int decadeOf(int e) {
        return (int) Math.floor((e + 0.5) * Math.log10(2));
    }

    public static String decadeLabel(int d) {
        return "1e" + d;
    }

    public static Json write(String session, String worker, String layer, String param, SessionRecord info,
                      List<UpdateRecord> all, int columns) {
        String path = UpdateRecords.parameterPath(layer, param);
        List<UpdateRecord> withHist = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        for (UpdateRecord u : all) {
            if (u.isMetric()) {
                continue;
            }
            Layout l = info.layout(u.layout());
            long[] c = l == null ? null : u.magnitudeCounts(l.histogram(path), MAGNITUDE_BINS);
            if (c != null) {
                withHist.add(u);
                counts.add(c);
            }
        }
        int n = withHist.size();
        int cols = Math.min(n, columns);
        Json j = new Json().beginObject().field("session", session).field("worker", worker).field("layer", layer)
                .field("param", param).name("rows").beginArray();
        for (int r = 0; r < ROW_LABELS.size(); r++) {
            j.beginObject().field("index", r).field("label", ROW_LABELS.get(r)).field("low", ROW_EDGES.get(r)[0])
                    .field("high", ROW_EDGES.get(r)[1]).endObject();
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
            long[] byRow = new long[ROW_LABELS.size()];
            long[] m = counts.get(pick[c]);
            for (int b = 0; b < m.length; b++) {
                byRow[ROW_OF_BIN[b]] += m[b];
            }
            for (int r = 0; r < byRow.length; r++) {
                if (byRow[r] > 0) {
                    j.beginArray().value(c).value(r).value(byRow[r]).endArray();
                    max = Math.max(max, byRow[r]);
                }
            }
        }
        return j.endArray().field("maxCount", max).endObject();
    }
}

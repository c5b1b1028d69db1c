package io.gradwatch.offline;

import io.gradwatch.report.Kind;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;
import io.gradwatch.report.StepReport;
import io.gradwatch.tensorboard.WriterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest {

    @TempDir
    Path tmp;

    /** What the sink was given, as (run, iteration, key) -> the float32 TensorBoard holds. */
    private static Map<String, Double> published(SinkRuns run) {
        Map<String, Double> out = new HashMap<>();
        for (StepReport r : run.reports) {
            for (Scalar s : r.scalars()) {
                out.put(run.name + "|" + r.iteration() + "|" + s.key().path(), (double) (float) s.value());
                if (s.key().kind() == Kind.GRADIENTS && s.key().statistic() == Statistic.RMS
                        && Double.isFinite(Math.log10(s.value()))) {
                    // the sink's own derived series for TensorBoard's linear axis
                    out.put(run.name + "|" + r.iteration() + "|" + SeriesKey.of(Kind.GRADIENTS, s.key().parameterId(), Statistic.LOG10_RMS).path(),
                            (double) (float) Math.log10(s.value()));
                }
            }
            out.put(run.name + "|" + r.iteration() + "|loss", (double) (float) r.loss());
            out.put(run.name + "|" + r.iteration() + "|gradients/total_norm", (double) (float) r.gradientTotalNorm());
            out.put(run.name + "|" + r.iteration() + "|validation/accuracy", (double) (float) (0.1 + r.iteration() / 1000.0));
        }
        return out;
    }

    @Test
    void csvAndJsonLines_haveOneRowPerRunIterationAndKey_withTheValuesTheSinkWrote() throws Exception {
        SinkRuns a = new SinkRuns("a", 3, 1e-6, false);
        SinkRuns b = new SinkRuns("nested/b", 2, 1e-3, true);
        a.write(tmp, 100);
        b.write(tmp, 100);
        Map<String, Double> expected = new HashMap<>(published(a));
        expected.putAll(published(b));
        for (Export.Format f : Export.Format.values()) {
            Map<String, Double> rows = f == Export.Format.csv ? csv(export(f)) : jsonl(export(f));
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                assertEquals(e.getValue(), rows.get(e.getKey()), f + " row " + e.getKey());
            }
            rows.keySet().removeAll(expected.keySet());
            assertTrue(rows.keySet().stream().allMatch(k -> k.split("\\|")[2].startsWith("gradwatch/")),
                    f + ": besides what was published only gradwatch's own figures: " + rows.keySet());
        }
    }

    @Test
    void nanAndInfinities_areExportedAsSuch() throws Exception {
        WriterFixture.scalarsTextHistogram(tmp.resolve("r"), "gradients/l/W/rms",
                new float[]{1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, "notes", "x");
        String csv = export(Export.Format.csv);
        assertTrue(csv.contains("\nr,1,1700000001.000000,gradients/l/W/rms,NaN\n"), csv);
        assertTrue(csv.contains("\nr,2,1700000002.000000,gradients/l/W/rms,Infinity\n"), csv);
        assertTrue(csv.contains("\nr,3,1700000003.000000,gradients/l/W/rms,-Infinity\n"), csv);
        Map<String, Double> json = jsonl(export(Export.Format.jsonl));
        assertEquals(1.5, json.get("r|0|gradients/l/W/rms"));
        assertTrue(Double.isNaN(json.get("r|1|gradients/l/W/rms")));
        assertEquals(Double.POSITIVE_INFINITY, json.get("r|2|gradients/l/W/rms"));
        assertEquals(Double.NEGATIVE_INFINITY, json.get("r|3|gradients/l/W/rms"));
    }

    private String export(Export.Format format) throws Exception {
        StringWriter w = new StringWriter();
        Export.write(RunFinder.find(tmp), format, w);
        return w.toString();
    }

    static Map<String, Double> csv(String text) {
        Map<String, Double> rows = new HashMap<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",");
            assertEquals(5, c.length, lines[i]);
            assertNotNull(Double.valueOf(c[2]));
            assertEquals(null, rows.put(c[0] + "|" + c[1] + "|" + c[3], Double.valueOf(c[4])), "duplicate row " + lines[i]);
        }
        return rows;
    }

    private static final Pattern JSON_ROW = Pattern.compile(
            "\\{\"run\":\"([^\"]*)\",\"iteration\":(-?\\d+),\"wall_time\":[0-9.]+,\"key\":\"([^\"]*)\",\"value\":(\"?[^\"}]*\"?)}");

    private static Map<String, Double> jsonl(String text) {
        Map<String, Double> rows = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = JSON_ROW.matcher(line);
            assertTrue(m.matches(), line);
            double v = Double.parseDouble(m.group(4).replace("\"", ""));
            assertEquals(null, rows.put(m.group(1) + "|" + m.group(2) + "|" + m.group(3), v), "duplicate row " + line);
        }
        return rows;
    }
}

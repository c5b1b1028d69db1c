package io.gradwatch.offline;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Writes every scalar point of every run, one row per (run, iteration, series key), in CSV or JSON
 * lines (schema in docs/report.md): run, iteration (the TensorBoard step, DL4J's iteration for
 * gradwatch's series), wall_time (seconds since the epoch), key (the tag, gradwatch's canonical
 * series key {@code <kind>/<layer>/<param>/<stat>}), value (NaN and ±Infinity as such). Rows are ordered by
 * run, then key in first-written order, then iteration.
 */
final class Export {

    enum Format { csv, jsonl }

    static final List<String> COLUMNS = List.of("run", "iteration", "wall_time", "key", "value");

    private Export() {
    }

    /** Writes the rows of {@code runs}, read one at a time; returns how many. */
    static long write(List<RunFinder.RunFiles> runs, Format format, Writer out) throws IOException {
        long rows = 0;
        if (format == Format.csv) {
            out.write(String.join(",", COLUMNS) + "\n");
        }
        for (RunFinder.RunFiles files : runs) {
            RunData run = RunFinder.read(files);
            ReportMain.warnProblems(run);
            for (Map.Entry<String, NavigableMap<Long, RunData.Point>> series : run.scalars().entrySet()) {
                for (Map.Entry<Long, RunData.Point> p : series.getValue().entrySet()) {
                    out.write(format == Format.csv
                            ? csvRow(run.name(), p.getKey(), p.getValue(), series.getKey())
                            : jsonRow(run.name(), p.getKey(), p.getValue(), series.getKey()));
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String csvRow(String run, long step, RunData.Point p, String key) {
        return csv(run) + "," + step + "," + wall(p.wallTime()) + "," + csv(key) + "," + csvNumber(p.value()) + "\n";
    }

    private static String jsonRow(String run, long step, RunData.Point p, String key) {
        StringBuilder s = new StringBuilder(96).append("{\"run\":");
        Json.string(s, run);
        s.append(",\"iteration\":").append(step).append(",\"wall_time\":").append(wall(p.wallTime()))
                .append(",\"key\":");
        Json.string(s, key);
        return s.append(",\"value\":").append(Json.number(p.value())).append("}\n").toString();
    }

    /** Shortest text that reads back as the same double; NaN, Infinity, -Infinity spelled out. */
    static String csvNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    private static String wall(double secs) {
        return String.format(Locale.ROOT, "%.6f", secs);
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break. */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}

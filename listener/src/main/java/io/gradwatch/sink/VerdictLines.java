package io.gradwatch.sink;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's words for verdicts, in one place: a first line a terminal shows whole (at most
 * {@link #FIRST_LINE} characters), the details after it, and the end-of-training summary. Every line
 * is a {@link Line} with the level it is logged at: warnings at WARN, notes at INFO.
 */
final class VerdictLines {

    /** Longest first line of a verdict event. */
    static final int FIRST_LINE = 160;

    /** One log event: its level (true for WARN) and its text (a first line, then details after a line break). */
    record Line(boolean warn, String text) {
    }

    private VerdictLines() {
    }

    /** The events of one report's diagnosis, in order: starts, severity changes, ends. */
    static List<Line> events(long iteration, Diagnosis d) {
        List<Line> out = new ArrayList<>();
        for (Verdict v : d.started()) {
            out.add(new Line(v.severity() == Severity.WARNING, withDetails(head(iteration, v, "starts") + ": "
                    + body(v), v.message())));
        }
        for (Verdict v : d.regraded()) {
            boolean warning = v.severity() == Severity.WARNING;
            out.add(new Line(warning, head(iteration, v, "is now a " + v.severity() + " (was a "
                    + (warning ? Severity.NOTE : Severity.WARNING) + " since iteration " + v.firstIteration() + ")")
                    + (warning ? ": the run is not learning" : ": the run learns")));
        }
        for (Verdict v : d.ended()) {
            out.add(new Line(v.severity() == Severity.WARNING, head(iteration, v, "ends")
                    + " (since iteration " + v.firstIteration() + "): the condition no longer holds"));
        }
        return out;
    }

    /**
     * The end-of-training summary of what is still wrong: one line per problem and severity with its layers,
     * under a first line that counts them; a line at INFO saying so when nothing is in force.
     */
    static Line summary(String run, long iteration, List<Verdict> active) {
        if (active.isEmpty()) {
            return new Line(false, "gradwatch: run " + run + " ended at iteration " + iteration
                    + " with no verdict in force");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        long warnings = 0;
        for (Verdict v : active) {
            warnings += v.severity() == Severity.WARNING ? 1 : 0;
            groups.computeIfAbsent(v.severity() + " " + v.problem().words(), k -> new ArrayList<>()).add(v.subject());
        }
        StringBuilder s = new StringBuilder("gradwatch: run ").append(run).append(" ended at iteration ")
                .append(iteration).append(" with ").append(warnings).append(" warning(s) and ")
                .append(active.size() - warnings).append(" note(s) still in force:");
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            s.append("\n  ").append(g.getKey()).append(": ").append(String.join(", ", g.getValue()));
        }
        return new Line(warnings > 0, s.toString());
    }

    private static String head(long iteration, Verdict v, String event) {
        return "gradwatch iteration " + iteration + ": " + v.severity() + " " + v.subject() + " " + v.problem().words()
                + " " + event;
    }

    /** The message without its leading "subject: ", which the head already names. */
    private static String body(Verdict v) {
        String m = v.message();
        String prefix = v.subject() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** {@code first} cut to {@link #FIRST_LINE} characters at a word, then the whole message on the next line. */
    private static String withDetails(String first, String details) {
        if (first.length() <= FIRST_LINE) {
            return first;
        }
        int cut = first.lastIndexOf(' ', FIRST_LINE - 4);
        return first.substring(0, cut > 0 ? cut : FIRST_LINE - 4) + " ...\n  " + details;
    }
}

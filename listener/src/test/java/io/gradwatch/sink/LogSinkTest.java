package io.gradwatch.sink;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSinkTest {

    private final List<String> info = new ArrayList<>();
    private final List<String> warn = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000); // milliseconds
    private final LogSink sink = new LogSink(5_000, () -> clock.get() * 1_000_000, into(info, warn));

    /** An output that appends INFO lines to {@code info} and WARN lines to {@code warn}. */
    private static LogSink.Output into(List<String> info, List<String> warn) {
        return new LogSink.Output() {
            @Override
            public void info(String line) {
                info.add(line);
            }

            @Override
            public void warn(String line) {
                warn.add(line);
            }
        };
    }

    private static StepReport report(long iteration, ArrayStats gradient, Diagnosis diagnosis) {
        ParameterReport p = new ParameterReport("layer0", "W", 0, gradient, null, null, Double.NaN, null, null, null);
        return new StepReport("s", "0", iteration, 0, iteration, 0.5, 128, GradientScale.MEAN_LOSS, 1.0, List.of(p),
                List.of(), false, new Overhead(0, 0, Double.NaN, 0, 0), diagnosis);
    }

    @Test
    void line_readsLikeTheTutorial() {
        ArrayStats g = Statistics.of(new float[]{3e-7f, -4e-7f, 0f, 0f});
        sink.publish(report(1, g, Diagnosis.none()));
        assertEquals("Iteration 1 layer0/W gradient rms 2.5000e-07", info.get(1));
        assertTrue(info.get(0).contains("gradient of the mean minibatch loss"), "says which gradient is reported");
    }

    @Test
    void nonFinite_isSpelledOutWithCounts() {
        ArrayStats g = Statistics.of(new float[]{Float.NaN, 1f, Float.POSITIVE_INFINITY});
        sink.publish(report(2, g, Diagnosis.none()));
        assertEquals("Iteration 2 layer0/W gradient rms NaN NaN 1 Inf 1", info.get(1));
    }

    @Test
    void blocks_areThrottledToTheInterval() {
        ArrayStats g = Statistics.of(new float[]{1f});
        sink.publish(report(0, g, Diagnosis.none()));
        clock.addAndGet(4_999);
        sink.publish(report(10, g, Diagnosis.none()));
        clock.addAndGet(1);
        sink.publish(report(20, g, Diagnosis.none()));
        assertEquals(List.of("Iteration 0 layer0/W gradient rms 1.0000e+00", "Iteration 20 layer0/W gradient rms 1.0000e+00"),
                info.subList(1, info.size()));
    }

    @Test
    void verdictChanges_printAtWarnEvenWhenThrottled() {
        ArrayStats g = Statistics.of(new float[]{1f});
        Verdict v = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 30, 4.1, "layer0/W: vanishing");
        sink.publish(report(0, g, Diagnosis.none()));
        sink.publish(report(30, g, new Diagnosis(List.of(v), List.of(v), List.of())));
        sink.publish(report(40, g, new Diagnosis(List.of(v), List.of(), List.of())));
        sink.publish(report(50, g, new Diagnosis(List.of(), List.of(), List.of(v.endedAt(50)))));
        assertEquals(List.of("gradwatch iteration 30: WARNING layer0/W vanishing gradient starts: vanishing",
                "gradwatch iteration 50: WARNING layer0/W vanishing gradient ends (since iteration 30): the condition "
                        + "no longer holds"), warn);
    }

    @Test
    void verdictsOnly_printsVerdictChangesAndNoStatistics() {
        List<String> quietInfo = new ArrayList<>();
        List<String> quietWarn = new ArrayList<>();
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, () -> clock.get() * 1_000_000, into(quietInfo, quietWarn));
        Verdict v = new Verdict(Verdict.Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer1", null, 10, 0.9, "layer1: dead units");
        ArrayStats g = Statistics.of(new float[]{1f});
        quiet.publish(report(0, g, Diagnosis.none()));
        quiet.publish(report(10, g, new Diagnosis(List.of(v), List.of(v), List.of())));
        assertEquals(List.of(), quietInfo);
        assertEquals(List.of("gradwatch iteration 10: WARNING layer1 dead units starts: dead units"), quietWarn);
    }

    @Test
    void notes_goToInfo_warningsToWarn() {
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, clock::get, into(info, warn));
        Verdict note = new Verdict(Verdict.Problem.LEARNING_RATE_TOO_HIGH, Verdict.Severity.NOTE, "layer2", "W", 90, 0.02,
                "layer2/W: ratio 2.0e-02");
        quiet.publish(report(90, Statistics.of(new float[]{1f}), new Diagnosis(List.of(note), List.of(note), List.of())));
        assertEquals(List.of("gradwatch iteration 90: NOTE layer2/W learning rate too high starts: ratio 2.0e-02"), info);
        assertEquals(List.of(), warn, "a healthy run's notes show no WARN line");
    }

    @Test
    void longMessage_firstLineFitsATerminal_detailsFollow() {
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, clock::get, into(info, warn));
        String message = "layer0/W: " + "gradient RMS 1.0e-08 is 5.0 decades below the output layer ".repeat(8);
        Verdict v = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 90, 5, message);
        quiet.publish(report(90, Statistics.of(new float[]{1f}), new Diagnosis(List.of(v), List.of(v), List.of())));
        String[] lines = warn.get(0).split("\n");
        assertTrue(lines[0].length() <= VerdictLines.FIRST_LINE, lines[0].length() + ": " + lines[0]);
        assertTrue(lines[0].startsWith("gradwatch iteration 90: WARNING layer0/W vanishing gradient starts: gradient RMS")
                && lines[0].endsWith(" ..."), lines[0]);
        assertEquals("  " + message, lines[1], "the whole message after the first line");
    }

    @Test
    void severityChange_isLoggedAtItsNewLevel() {
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, clock::get, into(info, warn));
        Verdict note = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.NOTE, "layer0", "W", 90, 4, "m");
        Verdict warning = note.withSeverity(Verdict.Severity.WARNING);
        quiet.publish(report(120, Statistics.of(new float[]{1f}),
                new Diagnosis(List.of(warning), List.of(), List.of(), List.of(warning))));
        assertEquals(List.of("gradwatch iteration 120: WARNING layer0/W vanishing gradient is now a WARNING (was a NOTE "
                + "since iteration 90): the run is not learning"), warn);
    }

    @Test
    void close_summarisesWhatIsStillWrong_groupedByProblem() {
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, clock::get, into(info, warn));
        Verdict dead1 = new Verdict(Verdict.Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer1", null, 10, 1, "d1");
        Verdict dead2 = new Verdict(Verdict.Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer2", null, 10, 1, "d2");
        Verdict high = new Verdict(Verdict.Problem.LEARNING_RATE_TOO_HIGH, Verdict.Severity.NOTE, "layer3", "W", 90, 1, "h");
        quiet.publish(report(200, Statistics.of(new float[]{1f}), new Diagnosis(List.of(dead1, dead2, high), List.of(),
                List.of())));
        warn.clear();
        quiet.close();
        assertEquals(List.of("gradwatch: run s ended at iteration 200 with 2 warning(s) and 1 note(s) still in force:\n"
                + "  WARNING dead units: layer1, layer2\n  NOTE learning rate too high: layer3/W"), warn);
    }

    @Test
    void close_ofAHealthyRun_saysSoAtInfo() {
        LogSink quiet = new LogSink(LogSink.VERDICTS_ONLY, clock::get, into(info, warn));
        quiet.publish(report(200, Statistics.of(new float[]{1f}), Diagnosis.none()));
        quiet.close();
        assertEquals(List.of("gradwatch: run s ended at iteration 200 with no verdict in force"), info);
        assertEquals(List.of(), warn);
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Feeds reports to one diagnoser and keeps every diagnosis, for assertions. */
final class Feed {

    final Diagnoser diagnoser;
    final List<Diagnosis> diagnoses = new ArrayList<>();
    final List<Long> iterations = new ArrayList<>();

    Feed(DiagnosisThresholds thresholds) {
        this.diagnoser = Diagnosers.standard(thresholds);
    }

    Feed() {
        this(DiagnosisThresholds.defaults());
    }

    Diagnosis feed(StepReport report) {
        Diagnosis d = diagnoser.assess(report);
        diagnoses.add(d);
        iterations.add(report.iteration());
        return d;
    }

    /** Feeds {@code count} reports at iterations next, next + every, ...; returns the last diagnosis. */
    Diagnosis feed(int count, long every, LongFunction<StepReport> report) {
        long start = iterations.isEmpty() ? 0 : iterations.get(iterations.size() - 1) + every;
        Diagnosis last = null;
        for (int i = 0; i < count; i++) {
            last = feed(report.apply(start + i * every));
        }
        return last;
    }

    Diagnosis last() {
        return diagnoses.get(diagnoses.size() - 1);
    }

    /** Every start event of {@code problem}, in order, with the iteration of the report that carried it. */
    List<Verdict> started(Problem problem) {
        List<Verdict> out = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            d.started().stream().filter(v -> v.problem() == problem).forEach(out::add);
        }
        return out;
    }

    List<Verdict> ended(Problem problem) {
        List<Verdict> out = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            d.ended().stream().filter(v -> v.problem() == problem).forEach(out::add);
        }
        return out;
    }

    static Verdict only(Diagnosis d, Problem problem) {
        List<Verdict> found = d.active().stream().filter(v -> v.problem() == problem).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + problem + " verdict, got " + d.active());
        }
        return found.get(0);
    }

    static List<String> subjects(Diagnosis d, Problem problem) {
        return d.active().stream().filter(v -> v.problem() == problem).map(Verdict::subject).toList();
    }
}

package io.gradwatch.report;

import java.io.Serializable;
import java.util.List;

/**
 * Verdicts at one step: those in force, and those that started, ended or changed severity with this
 * step (what the log and the timelines report, once each).
 *
 * @param regraded verdicts in force whose severity changed at this step, with their new severity
 *                 (e.g. a note that became a warning once the run was found not to learn)
 */
public record Diagnosis(List<Verdict> active, List<Verdict> started, List<Verdict> ended, List<Verdict> regraded)
        implements Serializable {

    private static final Diagnosis NONE = new Diagnosis(List.of(), List.of(), List.of());

    public Diagnosis {
        active = List.copyOf(active);
        started = List.copyOf(started);
        ended = List.copyOf(ended);
        regraded = regraded == null ? List.of() : List.copyOf(regraded);
    }

    /** Verdicts without severity changes. */
    public Diagnosis(List<Verdict> active, List<Verdict> started, List<Verdict> ended) {
        this(active, started, ended, List.of());
    }

    /** No verdicts at all. */
    public static Diagnosis none() {
        return NONE;
    }

    /** Whether a verdict started, ended or changed severity at this step. */
    public boolean changed() {
        return !started.isEmpty() || !ended.isEmpty() || !regraded.isEmpty();
    }
}

package io.gradwatch.report;

import java.io.Serializable;
import java.util.List;

/**
 * Verdicts at one step: those in force, and those that started or ended with this step (what the
 * log and the timelines report, once each).
 */
public record Diagnosis(List<Verdict> active, List<Verdict> started, List<Verdict> ended) implements Serializable {

    private static final Diagnosis NONE = new Diagnosis(List.of(), List.of(), List.of());

    public Diagnosis {
        active = List.copyOf(active);
        started = List.copyOf(started);
        ended = List.copyOf(ended);
    }

    /** No verdicts at all. */
    public static Diagnosis none() {
        return NONE;
    }

    public boolean changed() {
        return !started.isEmpty() || !ended.isEmpty();
    }
}

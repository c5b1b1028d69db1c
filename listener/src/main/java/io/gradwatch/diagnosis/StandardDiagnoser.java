package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.report.Verdict.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standard rules over one worker's reports. Each rule records its series into a shared
 * {@link History} and returns findings; this class turns findings into verdicts that start once,
 * hold while the condition holds (hysteresis included) and end once. Rules run in order, and a rule
 * sees the verdicts the rules before it settled for the same report (the learning-rate rule stays
 * quiet about a layer whose gradient vanishes).
 *
 * <p>Severity follows AutoTrainer's gating: NaN/Inf and a loss that does not decrease are always
 * warnings; every other verdict is a warning only while training is not progressing
 * ({@link LossTrend#progressing()}), and a note otherwise. It is re-judged at every report.
 */
final class StandardDiagnoser implements Diagnoser, Rule.Context {

    private final DiagnosisThresholds thresholds;
    private final History history;
    private final LossTrend progress = new LossTrend();
    private final List<Rule> rules;
    private final Map<String, Verdict> active = new LinkedHashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();

    StandardDiagnoser(DiagnosisThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds must not be null");
        this.history = new History(thresholds.windowReports());
        this.rules = List.of(new NonFiniteRule(), new StuckRule(), new ExplodingRule(), new VanishingRule(),
                new SymmetryRule(), new ActivationRule(), new LearningRateRule(), new LossRule());
    }

    @Override
    public Diagnosis assess(StepReport report) {
        history.begin(report.iteration());
        progress.update(history, report.loss(), thresholds.windowReports());
        List<Verdict> started = new ArrayList<>();
        List<Verdict> ended = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            findings.clear();
            rule.assess(report, this, findings);
            for (Finding f : findings) {
                apply(f, report.iteration(), started, ended);
            }
        }
        active.replaceAll((k, v) -> v.severity() == severity(v.problem()) ? v : new Verdict(v.problem(),
                severity(v.problem()), v.layer(), v.parameter(), v.firstIteration(), v.measured(), v.message()));
        Comparator<Verdict> order = Comparator.<Verdict>comparingInt(v -> v.severity().ordinal())
                .thenComparingInt(v -> v.problem().ordinal())
                .thenComparingInt(v -> depth.getOrDefault(v.key(), 0))
                .thenComparing(Verdict::key);
        List<Verdict> now = new ArrayList<>(active.values());
        now.sort(order);
        started.replaceAll(v -> active.getOrDefault(v.key(), v));
        started.sort(order);
        return new Diagnosis(now, started, ended);
    }

    private Severity severity(Problem problem) {
        if (problem == Problem.NON_FINITE || problem == Problem.LOSS_NOT_DECREASING) {
            return Severity.WARNING;
        }
        return progress.progressing() ? Severity.NOTE : Severity.WARNING;
    }

    private void apply(Finding f, long iteration, List<Verdict> started, List<Verdict> ended) {
        String key = f.key();
        Verdict current = active.get(key);
        switch (f.level()) {
            case ENTER -> {
                if (current == null) {
                    Verdict v = new Verdict(f.problem(), severity(f.problem()), f.layer(), f.parameter(), iteration,
                            f.measured(), f.message());
                    active.put(key, v);
                    depth.put(key, f.layerIndex());
                    started.add(v);
                } else {
                    refresh(f, current);
                }
            }
            case HOLD -> {
                if (current != null) {
                    refresh(f, current);
                }
            }
            case CLEAR -> {
                if (current != null) {
                    active.remove(key);
                    ended.add(current.endedAt(iteration));
                }
            }
        }
    }

    /** Fresh numbers for a verdict in force; its identity and first iteration stay. */
    private void refresh(Finding f, Verdict current) {
        if (f.message() != null) {
            active.put(f.key(), new Verdict(current.problem(), current.severity(), current.layer(), current.parameter(),
                    current.firstIteration(), f.measured(), f.message()));
        }
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public DiagnosisThresholds thresholds() {
        return thresholds;
    }

    @Override
    public LossTrend progress() {
        return progress;
    }

    @Override
    public Verdict active(Problem problem, String layer, String parameter) {
        return active.get(Verdict.keyOf(problem, layer, parameter));
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;

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
 */
final class StandardDiagnoser implements Diagnoser, Rule.Context {

    private final DiagnosisThresholds thresholds;
    private final History history;
    private final List<Rule> rules;
    private final Map<String, Verdict> active = new LinkedHashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();

    StandardDiagnoser(DiagnosisThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds must not be null");
        this.history = new History(thresholds.windowReports());
        this.rules = List.of(new NonFiniteRule(), new ExplodingRule(), new VanishingRule(), new ActivationRule(),
                new LearningRateRule());
    }

    @Override
    public Diagnosis assess(StepReport report) {
        history.begin(report.iteration());
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
        Comparator<Verdict> order = Comparator.<Verdict>comparingInt(v -> v.problem().ordinal())
                .thenComparingInt(v -> depth.getOrDefault(Finding.id(v.problem(), v.layer(), v.parameter()), 0))
                .thenComparing(Verdict::key);
        List<Verdict> now = new ArrayList<>(active.values());
        now.sort(order);
        started.sort(order);
        return new Diagnosis(now, started, ended);
    }

    private void apply(Finding f, long iteration, List<Verdict> started, List<Verdict> ended) {
        Verdict current = active.get(f.id());
        switch (f.level()) {
            case ENTER -> {
                if (current == null) {
                    Verdict v = new Verdict(f.problem(), Verdict.Severity.WARNING, f.layer(), f.parameter(), iteration, f.measured(), f.message());
                    active.put(f.id(), v);
                    depth.put(f.id(), f.layerIndex());
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
                    active.remove(f.id());
                    ended.add(current);
                }
            }
        }
    }

    /** Fresh numbers for a verdict in force; its identity and first iteration stay. */
    private void refresh(Finding f, Verdict current) {
        if (f.message() != null) {
            active.put(f.id(), new Verdict(current.problem(), current.severity(), current.layer(), current.parameter(),
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
    public Verdict active(String id) {
        return active.get(id);
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.report.Verdict.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The standard rules over one worker's reports. Each rule records its series into a shared
 * {@link History} and returns findings; this class turns findings into verdicts that start once,
 * hold while the condition holds and end once. Rules run in order, and a rule sees the verdicts the
 * rules before it settled for the same report (the learning-rate rule stays quiet about a layer whose
 * gradient vanishes).
 *
 * <p>No flapping: a verdict ends only after {@link #CLEAR_REPORTS} reports in a row found it over (on top
 * of each rule's hysteresis), and a verdict that ended starts again only on fresh evidence, found at
 * {@link #RESTART_REPORTS} reports in a row.
 *
 * <p>Severity follows AutoTrainer's gating: NaN/Inf and "not learning" are always warnings; every other
 * verdict is a warning unless the run learns ({@link LearningProgress#learning()}), a note then (the weights
 * of a layer the configuration declares frozen are a note too, unless the run is found not to learn). It is
 * re-judged at every report; a change is an event of the report ({@link Diagnosis#regraded()}).
 */
final class StandardDiagnoser implements Diagnoser, Rule.Context {

    /** Reports in a row that must find a verdict over before it ends. */
    static final int CLEAR_REPORTS = 2;
    /** Reports in a row that must find an ended verdict's condition again before it restarts. */
    static final int RESTART_REPORTS = 2;

    private final DiagnosisThresholds thresholds;
    private final History history;
    private final LearningProgress progress = new LearningProgress();
    private final List<Rule> rules;
    private final Map<String, Verdict> active = new LinkedHashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, Integer> streaks = new HashMap<>();
    private final Set<String> endedOnce = new HashSet<>();
    /** Layers the configuration declares frozen (FrozenLayer, FrozenLayerWithBackprop). */
    private final Set<String> frozen = new HashSet<>();

    StandardDiagnoser(DiagnosisThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds must not be null");
        this.history = new History(thresholds.windowReports());
        this.rules = List.of(new NonFiniteRule(), new StuckRule(), new ExplodingRule(), new VanishingRule(),
                new SymmetryRule(), new ActivationRule(), new LearningRateRule(), new LossRule());
    }

    @Override
    public void start(SessionInfo session) {
        progress.chance(ChanceLevel.of(session));
        frozen.clear();
        for (LayerInfo layer : session.layers()) {
            if (layer.type() != null && layer.type().startsWith("Frozen")) {
                frozen.add(layer.name());
            }
        }
    }

    @Override
    public void metric(UserMetric metric) {
        progress.metric(metric);
    }

    @Override
    public Diagnosis assess(StepReport report) {
        history.begin(report.iteration());
        progress.update(history, report.loss(), thresholds.windowReports());
        List<Verdict> started = new ArrayList<>();
        List<Verdict> ended = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            findings.clear();
            rule.assess(report, this, findings);
            for (Finding f : findings) {
                seen.add(f.key());
                apply(f, report.iteration(), started, ended);
            }
        }
        streaks.keySet().retainAll(seen); // a streak counts reports in a row
        List<Verdict> regraded = new ArrayList<>();
        for (Map.Entry<String, Verdict> e : active.entrySet()) {
            Verdict v = e.getValue();
            Severity now = severity(v.problem(), v.layer());
            if (v.severity() != now) {
                Verdict changed = v.withSeverity(now);
                e.setValue(changed);
                if (!started.contains(v)) {
                    regraded.add(changed);
                }
            }
        }
        Comparator<Verdict> order = Comparator.<Verdict>comparingInt(v -> v.severity().ordinal())
                .thenComparingInt(v -> v.problem().ordinal())
                .thenComparingInt(v -> depth.getOrDefault(v.key(), 0))
                .thenComparing(Verdict::key);
        List<Verdict> now = new ArrayList<>(active.values());
        now.sort(order);
        started.replaceAll(v -> active.getOrDefault(v.key(), v));
        started.sort(order);
        regraded.sort(order);
        return new Diagnosis(now, started, ended, regraded);
    }

    private Severity severity(Problem problem, String layer) {
        if (problem == Problem.NON_FINITE || problem == Problem.LOSS_NOT_DECREASING) {
            return Severity.WARNING;
        }
        if (problem == Problem.UNCHANGED_PARAMETERS && frozen.contains(layer) && !progress.notLearning()) {
            return Severity.NOTE; // frozen on purpose: worth a note unless the run does not learn
        }
        return progress.learning() ? Severity.NOTE : Severity.WARNING;
    }

    private void apply(Finding f, long iteration, List<Verdict> started, List<Verdict> ended) {
        String key = f.key();
        Verdict current = active.get(key);
        switch (f.level()) {
            case ENTER -> {
                if (current != null) {
                    streaks.remove(key);
                    refresh(f, current);
                } else if (!endedOnce.contains(key) || streak(key, f.level()) >= RESTART_REPORTS) {
                    streaks.remove(key);
                    Verdict v = new Verdict(f.problem(), severity(f.problem(), f.layer()), f.layer(), f.parameter(), iteration,
                            f.measured(), f.message());
                    active.put(key, v);
                    depth.put(key, f.layerIndex());
                    started.add(v);
                }
            }
            case HOLD -> {
                streaks.remove(key);
                if (current != null) {
                    refresh(f, current);
                }
            }
            case CLEAR -> {
                if (current != null && (f.problem() == Problem.NON_FINITE
                        || streak(key, f.level()) >= CLEAR_REPORTS)) {
                    streaks.remove(key);
                    active.remove(key);
                    endedOnce.add(key);
                    ended.add(current.endedAt(iteration));
                }
            }
        }
    }

    /** Counts reports in a row with the same finding level for {@code key} (a negative count for CLEAR). */
    private int streak(String key, Finding.Level level) {
        int sign = level == Finding.Level.CLEAR ? -1 : 1;
        int previous = streaks.getOrDefault(key, 0);
        int next = Integer.signum(previous) == sign ? previous + sign : sign;
        streaks.put(key, next);
        return Math.abs(next);
    }

    /** Fresh numbers for a verdict in force; its identity, severity and first iteration stay. */
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
    public LearningProgress progress() {
        return progress;
    }

    @Override
    public Verdict active(Problem problem, String layer, String parameter) {
        return active.get(Verdict.keyOf(problem, layer, parameter));
    }
}

package io.gradwatch.example;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Follows the first layer's weight gradient through gradwatch's reports (on gradwatch's analysis
 * thread): prints the tutorial's line every {@code logEvery} iterations and remembers what the final
 * table needs. The gradient is the gradient of the mean loss over the minibatch, before the updater.
 */
final class GradientWatch implements Consumer<StepReport> {

    private final Console console;
    private final int logEvery;
    private final String first = ReferenceMlp.firstLayer();
    private final String last = ReferenceMlp.lastLayer();
    private final List<Long> iterations = new ArrayList<>();
    private final List<Double> firstRms = new ArrayList<>();
    private double outputRms = Double.NaN;
    private List<Double> depthRms = List.of();
    private List<Double> health = List.of();
    private List<Verdict> verdicts = List.of();

    /**
     * @param logEvery print a line for iterations divisible by this (0 = never); it must be a multiple of
     *                 the listener's {@code every}, or some lines never come
     */
    GradientWatch(Console console, int logEvery) {
        this.console = console;
        this.logEvery = logEvery;
    }

    @Override
    public void accept(StepReport report) {
        ParameterReport firstW = report.parameter(first, "W");
        ParameterReport lastW = report.parameter(last, "W");
        if (firstW == null || lastW == null) {
            return;
        }
        double rms = firstW.gradient().rms();
        double lastRms = lastW.gradient().rms();
        List<Verdict> active = report.diagnosis().active();
        List<Double> depth = new ArrayList<>();
        for (ParameterReport p : report.parameters()) {
            if (p.parameter().equals("W")) {
                depth.add(p.gradient().rms());
            }
        }
        List<Double> unitHealth = new ArrayList<>();
        for (ActivationReport a : report.activations()) {
            double value = Double.isNaN(a.saturatedFraction()) ? a.deadFraction() : a.saturatedFraction();
            if (!Double.isNaN(value)) {
                unitHealth.add(value);
            }
        }
        synchronized (this) {
            depthRms = depth;
            health = unitHealth;
            iterations.add(report.iteration());
            firstRms.add(rms);
            outputRms = lastRms;
            this.verdicts = active;
        }
        if (logEvery > 0 && report.iteration() % logEvery == 0) {
            console.line(String.format(Locale.ROOT, "Batch: %d %s/W gradient rms %.4e   (%s/W %.4e)",
                    report.iteration(), first, rms, last, lastRms));
        }
    }

    /** What was seen so far. */
    synchronized GradientSummary summary() {
        return new GradientSummary(iterations, firstRms, outputRms, depthRms, health, verdicts);
    }
}

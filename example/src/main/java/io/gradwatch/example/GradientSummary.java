package io.gradwatch.example;

import io.gradwatch.report.Verdict;

import java.util.List;

/**
 * The first layer's weight-gradient RMS over a run (gradient of the mean loss over the minibatch,
 * before the updater), and what the table needs from the last report.
 *
 * @param iterations the iterations gradwatch reported, in order
 * @param firstRms   RMS of layer0/W's gradient at each of those iterations
 * @param outputRms  RMS of the output layer's W gradient at the last report (NaN if none)
 * @param depthRms   RMS of every layer's W gradient at the last report, layer0 first
 * @param health     activation health of every hidden layer at the last report, layer0 first: the
 *                   saturated fraction for sigmoid, the dead fraction for relu (empty if not captured)
 * @param verdicts   gradwatch's verdicts in force at the last report
 */
record GradientSummary(List<Long> iterations, List<Double> firstRms, double outputRms, List<Double> depthRms,
                       List<Double> health, List<Verdict> verdicts) {

    static final GradientSummary EMPTY =
            new GradientSummary(List.of(), List.of(), Double.NaN, List.of(), List.of(), List.of());

    GradientSummary {
        iterations = List.copyOf(iterations);
        firstRms = List.copyOf(firstRms);
        depthRms = List.copyOf(depthRms);
        health = List.copyOf(health);
        verdicts = List.copyOf(verdicts);
        if (iterations.size() != firstRms.size()) {
            throw new IllegalArgumentException("one RMS per iteration");
        }
    }

    int reports() {
        return iterations.size();
    }

    /** layer0/W gradient RMS at the first report (NaN if none). */
    double rmsAtFirst() {
        return firstRms.isEmpty() ? Double.NaN : firstRms.get(0);
    }

    /** layer0/W gradient RMS at the last report (NaN if none). */
    double rmsAtLast() {
        return firstRms.isEmpty() ? Double.NaN : firstRms.get(firstRms.size() - 1);
    }

    /** Median of layer0/W's gradient RMS over every report (NaN if none). */
    double medianRms() {
        if (firstRms.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = firstRms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** layer0/W RMS divided by the output layer's W RMS, at the last report. */
    double firstToLastRatio() {
        return rmsAtLast() / outputRms;
    }
}

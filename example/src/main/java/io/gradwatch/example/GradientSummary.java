package io.gradwatch.example;

import java.util.List;

/**
 * The first layer's weight-gradient RMS at the first and the last report of a run, and the
 * first-to-last-layer RMS ratio at the last report (gradient of the mean loss, before the updater).
 *
 * @param reports         how many reports were seen
 * @param firstIteration  iteration of the first report (-1 if none)
 * @param firstRms        RMS of layer0/W's gradient at the first report
 * @param lastIteration   iteration of the last report
 * @param lastRms         RMS of layer0/W's gradient at the last report
 * @param outputRms       RMS of the output layer's W gradient at the last report
 * @param verdicts        gradwatch's verdicts in force at the last report
 */
record GradientSummary(int reports, long firstIteration, double firstRms, long lastIteration, double lastRms,
                       double outputRms, List<String> verdicts) {

    static final GradientSummary EMPTY =
            new GradientSummary(0, -1, Double.NaN, -1, Double.NaN, Double.NaN, List.of());

    GradientSummary {
        verdicts = List.copyOf(verdicts);
    }

    /** layer0/W RMS divided by the output layer's W RMS, at the last report. */
    double firstToLastRatio() {
        return lastRms / outputRms;
    }

    GradientSummary plus(long iteration, double rms, double outRms, List<String> activeVerdicts) {
        if (reports == 0) {
            return new GradientSummary(1, iteration, rms, iteration, rms, outRms, activeVerdicts);
        }
        return new GradientSummary(reports + 1, firstIteration, firstRms, iteration, rms, outRms, activeVerdicts);
    }
}

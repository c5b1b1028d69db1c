package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;

import java.util.Arrays;

/**
 * Whether training is progressing, read from the minibatch loss over the window, the way AutoTrainer
 * gates its gradient findings: the window's recent half against its earlier half, and against the
 * loss at the start of the run. A run is progressing when its loss is not rising and it either still
 * decreases or has already come well below where it started (a run that learned and levelled off).
 * Unknown (window not full, loss NaN) counts as not progressing.
 */
final class LossTrend {

    /** Reports at the start of the run whose median loss is "the start". */
    static final int START_REPORTS = 3;
    /** Decreasing: the recent half's median loss at least 1% below the earlier half's (measured: minibatch noise of medians of 5 reports stays below 1% on a flat loss). */
    static final double MIN_DECREASE = 0.01;
    /** Learned: the recent median below 75% of the start. */
    static final double LEARNED_FRACTION = 0.75;
    /** Rising: the recent median 25% above the earlier half's, and not below half the start. */
    static final double RISE = 1.25;

    static final Key LOSS = new Key(Measure.LOSS, "");

    private final double[] startLosses = new double[START_REPORTS];
    private int startCount;
    private double start = Double.NaN;
    private double earlier = Double.NaN;
    private double recent = Double.NaN;

    /** Records this report's loss and updates the trend over the last {@code window} reports. */
    void update(History history, double loss, int window) {
        history.put(LOSS, loss);
        if (startCount < START_REPORTS) {
            startLosses[startCount++] = loss;
            start = History.median(Arrays.copyOf(startLosses, startCount));
        }
        if (history.size() < window) {
            earlier = recent = Double.NaN;
            return;
        }
        double[] w = history.last(LOSS, window);
        earlier = History.median(Arrays.copyOfRange(w, 0, window / 2));
        recent = History.median(Arrays.copyOfRange(w, window / 2, window));
    }

    boolean known() {
        return Double.isFinite(earlier) && Double.isFinite(recent) && Double.isFinite(start);
    }

    boolean decreasing() {
        return known() && recent < earlier * (1 - MIN_DECREASE);
    }

    boolean learned() {
        return known() && recent < start * LEARNED_FRACTION;
    }

    boolean rising() {
        return known() && recent > earlier * RISE && recent >= start * 0.5;
    }

    /** Whether training is progressing: the gate between a note and a warning for the gradient findings. */
    boolean progressing() {
        return known() && !rising() && (decreasing() || learned());
    }

    /** Relative decrease of the recent half against the earlier half (negative when rising); NaN when unknown. */
    double relativeDecrease() {
        return known() ? (earlier - recent) / earlier : Double.NaN;
    }

    double start() {
        return start;
    }

    double earlier() {
        return earlier;
    }

    double recent() {
        return recent;
    }

    /** "the loss is decreasing (median 0.52, from 0.81 and 2.3 at the start)", for messages. */
    String words() {
        if (!known()) {
            return "the loss trend is not known yet";
        }
        String state = rising() ? "rising" : decreasing() ? "decreasing" : learned() ? "levelled off well below its start"
                : "not decreasing";
        return "the loss is " + state + " (median " + Format.sig(recent) + " over the recent half of the window, "
                + Format.sig(earlier) + " over the earlier half, " + Format.sig(start) + " at the start)";
    }
}

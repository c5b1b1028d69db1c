package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.UserMetric;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Whether the run learns, judged against what a model that learned nothing scores. With a known
 * {@link ChanceLevel}, the run learns while its loss (median of the window's recent half) is clearly below
 * chance, or near chance but decreasing by the Mann-Kendall test over the last {@link #TREND_WINDOWS}
 * windows, on the loss capped at the top of the "near chance" band (a slow but true learner, not a loss
 * settling back to chance after a blow-up); otherwise it does not learn, whatever its first loss was. Without a
 * chance level (regression, unknown losses), the reference is the loss of the first report (the untrained
 * model, before any update could blow it up): the run
 * learns while its loss decreases by the trend test or stays below {@link #LEARNED_FRACTION} of the reference,
 * and is not rising. An accuracy the program reports ({@code metric("validation/accuracy", ...)}) overrides
 * the loss when it is clearly above or at chance (1/C).
 *
 * <p>Unknown until the window is full. The first judgement is taken at once; after that the state changes
 * only when the other state has been found at {@link #HOLD_REPORTS} reports in a row, and leaving "not
 * learning" needs the loss out of the band around chance: {@link #CLEAR_MARGIN} below it, or {@link #MARGIN}
 * below it and decreasing. A flat noisy series at chance passes the trend test now and then (overlapping
 * windows are not independent), never the level.
 */
final class LearningProgress {

    enum State { UNKNOWN, LEARNING, NOT_LEARNING }

    /** "At chance": within 5% of the chance level (measured: minibatch noise of a median of 5 reports at batch 16+). */
    static final double MARGIN = 0.05;
    /** Leaving "not learning" by level needs the loss 10% below chance. */
    static final double CLEAR_MARGIN = 0.10;
    /** Without a chance level: learned once below 75% of the first report's loss. */
    static final double LEARNED_FRACTION = 0.75;
    /** Without a chance level: rising at 25% above the reference. */
    static final double RISE = 1.25;
    /** The trend test runs over up to this many windows of reports (more reports, more power on a slow decrease). */
    static final int TREND_WINDOWS = 3;
    /** Consecutive reports that must agree before the state changes. */
    static final int HOLD_REPORTS = 3;
    /** An accuracy this far above chance (1/C) means learning; within {@link #ACCURACY_AT_CHANCE}, not. */
    static final double ACCURACY_LEARNING = 0.10;
    static final double ACCURACY_AT_CHANCE = 0.05;

    static final Key LOSS = new Key(Measure.LOSS, "");

    private ChanceLevel chance;
    private final Deque<Double> losses = new ArrayDeque<>();
    private State state = State.UNKNOWN;
    private int streak;
    private double level = Double.NaN;
    private double reference = Double.NaN;
    private double z = Double.NaN;
    private int trendReports;
    private long trendSpan;
    private double accuracy = Double.NaN;
    private String accuracyName;

    void chance(ChanceLevel level) {
        this.chance = level;
    }

    ChanceLevel chance() {
        return chance;
    }

    /** An accuracy-like metric of the program (name containing "acc", value in [0, 1]); others are ignored. */
    void metric(UserMetric metric) {
        if (metric.name().toLowerCase(Locale.ROOT).contains("acc") && metric.value() >= 0 && metric.value() <= 1) {
            accuracy = metric.value();
            accuracyName = metric.name();
        }
    }

    /** Records this report's loss and judges the run over the last {@code window} reports. */
    void update(History history, double loss, int window) {
        history.put(LOSS, loss);
        if (Double.isNaN(reference) && Double.isFinite(loss)) {
            reference = loss; // the untrained model's loss: a later blow-up must not inflate it
        }
        // with a chance level, the trend is read on the loss capped just above chance: a loss coming back down
        // from a blow-up to chance is not learning, a loss going down through chance is
        losses.addLast(chance == null ? loss : Math.min(loss, chance.value() * (1 + MARGIN)));
        while (losses.size() > TREND_WINDOWS * window) {
            losses.removeFirst();
        }
        if (history.size() < window) {
            return;
        }
        double[] recent = history.last(LOSS, Math.max(1, window / 2));
        level = History.median(recent);
        double[] trend = losses.stream().mapToDouble(Double::doubleValue).toArray();
        z = Trend.z(trend);
        trendReports = trend.length;
        trendSpan = history.spanIterations(1) * trendReports;
        State found = judge();
        if (state == State.UNKNOWN || found == state) {
            state = found;
            streak = 0;
        } else if (++streak >= HOLD_REPORTS) {
            state = found;
            streak = 0;
        }
    }

    private State judge() {
        if (!Double.isFinite(level)) {
            return State.NOT_LEARNING;
        }
        if (chance != null && !Double.isNaN(accuracy)) {
            double atChance = 1 / Math.exp(chance.value()); // 1/C for softmax
            if (accuracy >= atChance + ACCURACY_LEARNING) {
                return State.LEARNING;
            }
            if (accuracy < atChance + ACCURACY_AT_CHANCE) {
                return State.NOT_LEARNING;
            }
        }
        boolean decreasing = Trend.decreasing(z);
        if (chance != null) {
            // leaving "not learning" needs the loss out of the band around chance: never resolved while at chance
            boolean leaving = state == State.NOT_LEARNING;
            boolean below = level < chance.value() * (1 - (leaving ? CLEAR_MARGIN : MARGIN));
            boolean near = level < chance.value() * (leaving ? 1 - MARGIN : 1 + MARGIN);
            return below || near && decreasing ? State.LEARNING : State.NOT_LEARNING;
        }
        boolean rising = level > reference * RISE;
        return !rising && (decreasing || level < reference * LEARNED_FRACTION) ? State.LEARNING : State.NOT_LEARNING;
    }

    State state() {
        return state;
    }

    /** Whether the run learns: the gate between a note and a warning. */
    boolean learning() {
        return state == State.LEARNING;
    }

    boolean notLearning() {
        return state == State.NOT_LEARNING;
    }

    /** The recent loss the judgement rests on (median of the window's recent half); NaN before the window is full. */
    double level() {
        return level;
    }

    /**
     * The judgement in words, e.g. "the run is not learning: loss 2.31 (median of the recent reports) is at
     * chance level 2.30 (ln 10, 10 classes) and not decreasing (trend z -0.4 over 300 iterations; decreasing
     * below -2.33)".
     */
    String words() {
        if (state == State.UNKNOWN) {
            return "whether the run learns is not known yet (a full window of reports is needed)";
        }
        return (learning() ? "the run learns: " : "the run is not learning: ") + reason();
    }

    /** Why: the loss against chance level (or the first report) and its trend. */
    String reason() {
        String loss = "loss " + Format.sig(level) + " (median of the recent reports)";
        String trend = "trend z " + (Double.isNaN(z) ? "unknown" : Format.dec(z)) + " over " + trendSpan
                + " iterations; decreasing below " + Trend.DECREASING_Z;
        String direction = Trend.decreasing(z) ? "decreasing" : "not decreasing";
        if (chance == null) {
            return loss + " against " + Format.sig(reference) + " at the first report, " + direction + " (" + trend + ")";
        }
        double c = chance.value();
        String where = level < c * (1 - MARGIN) ? "below" : level < c * (1 + MARGIN) ? "at" : "above";
        String accuracyWords = Double.isNaN(accuracy) ? "" : "; " + accuracyName + " " + Format.sig(accuracy)
                + " against chance " + Format.sig(1 / Math.exp(c));
        return loss + " is " + where + " chance level " + Format.sig(c) + " (" + chance.words() + ") and " + direction
                + " (" + trend + ")" + accuracyWords;
    }
}

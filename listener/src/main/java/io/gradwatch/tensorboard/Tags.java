package io.gradwatch.tensorboard;

import io.gradwatch.report.Kind;
import io.gradwatch.report.ParameterId;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;

/**
 * gradwatch's TensorBoard naming, in one place, derived from the series keys: scalars use the canonical path
 * {@link SeriesKey#path()} ({@code <kind>/<layer>/<param>/<stat>}; activations {@code activations/<layer>/<stat>};
 * report-level series such as {@code loss}), histograms {@code <kind>/<layer>/<param>} (activations:
 * {@code activations/<layer>}); gradwatch's figures about itself have fixed names below.
 */
final class Tags {

    static final String LOSS = SeriesKey.LOSS.path();
    static final String TOTAL_NORM = SeriesKey.TOTAL_NORM.path();
    static final String NON_FINITE_SKIPPED = SeriesKey.NON_FINITE_SKIPPED.path();
    static final String DIAGNOSIS = "diagnosis";
    static final String OVERHEAD_FRACTION = "gradwatch/overhead_fraction";
    static final String TRAINING_THREAD_MS = "gradwatch/training_thread_ms";
    static final String ANALYSIS_MS = "gradwatch/analysis_ms";
    static final String BACKPRESSURE_MS = "gradwatch/backpressure_ms";
    static final String SINK_FAILURES = "gradwatch/sink_failures";
    static final String DROPPED_EVENTS = "gradwatch/tensorboard_dropped_events";
    static final String WRITE_FAILURES = "gradwatch/tensorboard_write_failures";
    static final String LOST_EVENTS = "gradwatch/tensorboard_lost_events";
    static final String SESSION_TEXT = "gradwatch/session";
    /** Text: one line per recovery action. */
    static final String RECOVERY_TEXT = "gradwatch/recovery";

    /** Scalar: how many times recovery took {@code action} so far in the session, e.g. recovery/skipped. */
    static String recoveryCount(io.gradwatch.report.RecoveryEvent.Action action) {
        return "recovery/" + action.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Tags() {
    }

    static String scalar(SeriesKey key) {
        return key.path();
    }

    static String histogram(Kind kind, ParameterId id) {
        return kind.key() + "/" + id.path();
    }

    static String gradientRms(ParameterId id) {
        return scalar(SeriesKey.of(Kind.GRADIENTS, id, Statistic.RMS));
    }

    /** log10 of the gradient RMS: on TensorBoard's linear axis 1e-8 is -8, not a line on 0 (issue 24). */
    static String gradientLog10Rms(ParameterId id) {
        return scalar(SeriesKey.of(Kind.GRADIENTS, id, Statistic.LOG10_RMS));
    }

    static String updateRatio(ParameterId id) {
        return scalar(SeriesKey.of(Kind.UPDATES, id, Statistic.RATIO));
    }

    /** A custom-scalars regex matching {@code statistic} of every layer's output, e.g. activations/[^/]+/dead_fraction$. */
    static String everyLayersOutput(Statistic statistic) {
        return CustomScalarsLayout.literal(Kind.ACTIVATIONS.key() + "/") + "[^/]+"
                + CustomScalarsLayout.exact("/" + statistic.key());
    }

    /** A custom-scalars regex matching {@code statistic} of every series. */
    static String everySeries(Statistic statistic) {
        return ".*" + CustomScalarsLayout.exact("/" + statistic.key());
    }

    /** The run subdirectory of a ParallelWrapper worker other than the first. */
    static String workerRun(String workerId) {
        return "worker-" + workerId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

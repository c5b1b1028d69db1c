package io.gradwatch.tensorboard;

import io.gradwatch.report.Kind;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;

/**
 * gradwatch's TensorBoard naming, in one place. Scalars use the canonical series path
 * {@code <kind>/<layer>/<param>/<stat>} (activations: {@code activations/<layer>/<stat>}), histograms
 * {@code <kind>/<layer>/<param>} (activations: {@code activations/<layer>}); report-level series and
 * gradwatch's own figures have fixed names below.
 */
final class Tags {

    static final String LOSS = "loss";
    static final String TOTAL_NORM = "gradients/total_norm";
    static final String DIAGNOSIS = "diagnosis";
    static final String OVERHEAD_FRACTION = "gradwatch/overhead_fraction";
    static final String TRAINING_THREAD_MS = "gradwatch/training_thread_ms";
    static final String ANALYSIS_MS = "gradwatch/analysis_ms";
    static final String BACKPRESSURE_MS = "gradwatch/backpressure_ms";
    static final String SINK_FAILURES = "gradwatch/sink_failures";
    static final String NON_FINITE_SKIPPED = "gradwatch/non_finite_skipped";
    static final String DROPPED_EVENTS = "gradwatch/tensorboard_dropped_events";
    static final String WRITE_FAILURES = "gradwatch/tensorboard_write_failures";
    static final String LOST_EVENTS = "gradwatch/tensorboard_lost_events";
    static final String SESSION_TEXT = "gradwatch/session";

    private Tags() {
    }

    static String scalar(SeriesKey key) {
        return key.path();
    }

    static String histogram(Kind kind, String layer, String parameter) {
        return parameter == null ? kind.key() + "/" + layer : kind.key() + "/" + layer + "/" + parameter;
    }

    static String gradientRms(String layer, String parameter) {
        return scalar(new SeriesKey(Kind.GRADIENTS, layer, parameter, Statistic.RMS));
    }

    /** log10 of the gradient RMS: on TensorBoard's linear axis 1e-8 is -8, not a line on 0 (issue 24). */
    static String gradientLog10Rms(String layer, String parameter) {
        String rms = gradientRms(layer, parameter);
        return rms.substring(0, rms.lastIndexOf('/') + 1) + "log10_rms";
    }

    static String updateRatio(String layer, String parameter) {
        return scalar(new SeriesKey(Kind.UPDATES, layer, parameter, Statistic.RATIO));
    }

    /** The run subdirectory of a ParallelWrapper worker other than the first. */
    static String workerRun(String workerId) {
        return "worker-" + workerId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

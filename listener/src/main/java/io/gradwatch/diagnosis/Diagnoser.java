package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;

/**
 * Turns the stream of one worker's reports into verdicts. Stateful (verdicts rest on a recent
 * window, not one noisy step); called on the analysis thread, one report at a time, in order.
 */
public interface Diagnoser {

    /** The worker's session, before its first report: the network's layers and output loss. */
    default void start(SessionInfo session) {
    }

    /** A number the training program measured itself (e.g. validation accuracy), in order with the reports. */
    default void metric(UserMetric metric) {
    }

    /** Updates the window with {@code report} and returns the verdicts in force after it. */
    Diagnosis assess(StepReport report);

    /** A diagnoser that never reports anything, for users who switch diagnosis off. */
    static Diagnoser disabled() {
        return report -> Diagnosis.none();
    }
}

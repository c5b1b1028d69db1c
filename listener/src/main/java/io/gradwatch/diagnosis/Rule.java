package io.gradwatch.diagnosis;

import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;

import java.util.List;

/**
 * One diagnosis rule. Rules record the series they need into the shared history, then judge the
 * window. A condition a rule says nothing about keeps its state.
 */
interface Rule {

    void assess(StepReport report, Context context, List<Finding> out);

    /** What a rule may read: the history, the thresholds and the verdicts in force. */
    interface Context {
        History history();

        DiagnosisThresholds thresholds();

        /** The verdict in force for a condition id, or null. */
        Verdict active(String id);

        /** Whether the history holds a full window. */
        default boolean windowFull() {
            return history().size() >= thresholds().windowReports();
        }

        /** "the last 100 iterations" for the full window. */
        default String windowWords() {
            long span = history().spanIterations(thresholds().windowReports());
            return "the last " + span + (span == 1 ? " iteration" : " iterations");
        }
    }
}

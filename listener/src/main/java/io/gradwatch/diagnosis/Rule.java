package io.gradwatch.diagnosis;

import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * One diagnosis rule. Rules record the series they need into the shared history and add findings;
 * a condition a rule says nothing about keeps its state.
 */
interface Rule {

    void assess(StepReport report, Context context, List<Finding> out);

    /** What a rule may read: the history, the thresholds, the loss trend and the verdicts in force. */
    interface Context {
        History history();

        DiagnosisThresholds thresholds();

        /** Whether the run learns, judged against chance level (see {@link LearningProgress}). */
        LearningProgress progress();

        /** The verdict in force for a condition, or null. */
        Verdict active(Problem problem, String layer, String parameter);

        /** Whether the history holds a full window. */
        default boolean windowFull() {
            return history().size() >= thresholds().windowReports();
        }

        /** The median of the last window of {@code series}. */
        default double windowMedian(History.Key series) {
            return History.median(history().last(series, thresholds().windowReports()));
        }

        /**
         * Whether a gross problem may be judged on the reports so far: the first report's numbers are
         * overwhelming evidence only for the rules that say so, before the window is full.
         */
        default boolean early() {
            return !windowFull();
        }

        /** "the last 100 iterations" for the full window. */
        default String windowWords() {
            long span = history().spanIterations(thresholds().windowReports());
            return "the last " + span + (span == 1 ? " iteration" : " iterations");
        }
    }
}

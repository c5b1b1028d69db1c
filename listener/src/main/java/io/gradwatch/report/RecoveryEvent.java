package io.gradwatch.report;

import java.util.Objects;

/**
 * One thing {@code recover()} did to the training run, in plain words with its numbers.
 *
 * @param sessionId         the session (training run) it belongs to
 * @param workerId          the worker whose model it concerns ("0" outside ParallelWrapper)
 * @param iteration         DL4J's iteration count of the step that caused it
 * @param epoch             DL4J's epoch count then
 * @param timestampMillis   when it happened (wall clock)
 * @param action            what was done
 * @param reason            why and what, e.g. "gradient norm 3.2e+04 is 41 sigma above the last 128 steps
 *                          (mean 2.1e+00): batch skipped"
 * @param gradientNorm      the step's total gradient norm (raw sum over the minibatch), NaN if not finite
 * @param loss              the step's loss (DL4J's score), NaN if not finite
 * @param restoredIteration for ROLLED_BACK and HALTED: the iteration of the state restored (the state before
 *                          that iteration's update); -1 otherwise or when there was none
 * @param learningRateScale the learning rate's multiplier in force after this action (1 before any roll-back)
 */
public record RecoveryEvent(String sessionId, String workerId, long iteration, int epoch, long timestampMillis,
                            Action action, String reason, double gradientNorm, double loss, long restoredIteration,
                            double learningRateScale) implements java.io.Serializable {

    public RecoveryEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    /** What recovery did. */
    public enum Action {
        /** The step's update was undone: parameters, updater state and iteration count as if the batch was never seen. */
        SKIPPED,
        /** The model went back to the last state certified healthy, with a lower learning rate. */
        ROLLED_BACK,
        /** Recovery gave up (roll-backs used up, or nothing to roll back to): training stopped. */
        HALTED
    }

    /** The line gradwatch logs: iteration, action and reason. */
    public String describe() {
        return "gradwatch recovery at iteration " + iteration + ": " + action + ": " + reason;
    }
}

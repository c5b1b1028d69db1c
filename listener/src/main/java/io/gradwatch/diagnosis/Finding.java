package io.gradwatch.diagnosis;

import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;

import java.util.function.Function;

/**
 * What one rule concluded about one condition at one report.
 *
 * @param level      whether the condition starts or holds ({@link Level#ENTER}), may go on if it already holds
 *                   ({@link Level#HOLD}, the hysteresis band or missing data), or is over ({@link Level#CLEAR})
 * @param layerIndex for ordering verdicts by depth
 * @param measured   the number the verdict rests on; NaN with a null message when there are no fresh numbers
 * @param message    the sentence for people, or null
 */
record Finding(Level level, Problem problem, String layer, String parameter, int layerIndex, double measured,
               String message) {

    enum Level { ENTER, HOLD, CLEAR }

    /** The identity of the condition, the same as the {@link Verdict#key()} of its verdict. */
    String key() {
        return Verdict.keyOf(problem, layer, parameter);
    }

    /**
     * The ladder every windowed rule shares: {@code enter} starts (or keeps) the verdict; {@code holds}
     * keeps one in force (the hysteresis band); otherwise it ends. A NaN measure (no data in this window)
     * keeps a verdict in force without fresh numbers. {@code message} receives whether the threshold itself
     * is passed (false: the value is back inside it, within the hysteresis band), so that no message claims
     * more than its numbers show.
     */
    static Finding judge(Rule.Context context, Problem problem, String layer, String parameter, int layerIndex,
                         double measured, boolean enter, boolean holds, Function<Boolean, String> message) {
        if (Double.isNaN(measured)) {
            return new Finding(Level.HOLD, problem, layer, parameter, layerIndex, Double.NaN, null);
        }
        if (enter) {
            return new Finding(Level.ENTER, problem, layer, parameter, layerIndex, measured, message.apply(true));
        }
        if (holds && context.active(problem, layer, parameter) != null) {
            return new Finding(Level.HOLD, problem, layer, parameter, layerIndex, measured, message.apply(false));
        }
        return clear(problem, layer, parameter, layerIndex);
    }

    static Finding enter(Problem problem, String layer, String parameter, int layerIndex, double measured,
                         String message) {
        return new Finding(Level.ENTER, problem, layer, parameter, layerIndex, measured, message);
    }

    static Finding hold(Problem problem, String layer, String parameter, int layerIndex) {
        return new Finding(Level.HOLD, problem, layer, parameter, layerIndex, Double.NaN, null);
    }

    static Finding clear(Problem problem, String layer, String parameter, int layerIndex) {
        return new Finding(Level.CLEAR, problem, layer, parameter, layerIndex, Double.NaN, null);
    }
}

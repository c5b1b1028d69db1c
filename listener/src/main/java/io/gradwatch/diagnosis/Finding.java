package io.gradwatch.diagnosis;

import io.gradwatch.report.Verdict.Problem;

/**
 * What one rule concluded about one condition at one report.
 *
 * @param id         identity of the condition (problem, layer and, where it applies, parameter)
 * @param level      whether the condition starts or holds ({@link Level#ENTER}), may go on if it already holds
 *                   ({@link Level#HOLD}, the hysteresis band or missing data), or is over ({@link Level#CLEAR})
 * @param layerIndex for ordering verdicts by depth
 * @param measured   the number the verdict rests on; NaN with a null message when there are no fresh numbers
 * @param message    the sentence for people, or null
 */
record Finding(String id, Level level, Problem problem, String layer, String parameter, int layerIndex,
               double measured, String message) {

    enum Level { ENTER, HOLD, CLEAR }

    static String id(Problem problem, String layer, String parameter) {
        return problem.name() + ":" + layer + (parameter == null ? "" : "/" + parameter);
    }

    static Finding enter(Problem problem, String layer, String parameter, int layerIndex, double measured,
                         String message) {
        return new Finding(id(problem, layer, parameter), Level.ENTER, problem, layer, parameter, layerIndex,
                measured, message);
    }

    static Finding hold(Problem problem, String layer, String parameter, int layerIndex, double measured,
                        String message) {
        return new Finding(id(problem, layer, parameter), Level.HOLD, problem, layer, parameter, layerIndex,
                measured, message);
    }

    static Finding clear(Problem problem, String layer, String parameter, int layerIndex) {
        return new Finding(id(problem, layer, parameter), Level.CLEAR, problem, layer, parameter, layerIndex,
                Double.NaN, null);
    }
}

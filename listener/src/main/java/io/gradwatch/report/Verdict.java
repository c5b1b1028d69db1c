package io.gradwatch.report;

import java.util.Objects;

/**
 * One diagnosis about one layer (and parameter, where it applies), in plain words with its numbers.
 *
 * @param problem        what is wrong
 * @param layer          the layer it concerns
 * @param parameter      the parameter it concerns, or null when it concerns the layer's activations
 * @param firstIteration the iteration at which the condition started
 * @param measured       the number the verdict rests on (e.g. decades below the output layer, a NaN count)
 * @param message        a sentence for people, with numbers and a hint
 */
public record Verdict(Problem problem, String layer, String parameter, long firstIteration, double measured,
                      String message) {

    public Verdict {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(message, "message");
    }

    /** Identity of the condition, independent of its numbers: the same key means the same ongoing verdict. */
    public String key() {
        return problem.name() + ":" + layer + (parameter == null ? "" : "/" + parameter);
    }

    /** The problems gradwatch recognises. */
    public enum Problem {
        VANISHING_GRADIENT,
        EXPLODING_GRADIENT,
        NON_FINITE,
        DEAD_UNITS,
        SATURATED_UNITS,
        LEARNING_RATE_TOO_HIGH,
        LEARNING_RATE_TOO_LOW
    }
}

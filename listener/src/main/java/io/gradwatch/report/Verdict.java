package io.gradwatch.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One diagnosis about one layer (and parameter, where it applies), in plain words with its numbers.
 *
 * @param problem        what is wrong
 * @param severity       whether it is a warning (something is wrong) or a note (worth knowing)
 * @param layer          the layer it concerns
 * @param parameter      the parameter it concerns, or null when it concerns the layer's activations
 * @param firstIteration the iteration at which the condition started
 * @param measured       the number the verdict rests on (e.g. decades below the output layer, a NaN count)
 * @param message        a sentence for people: what, where, since when, how far past its threshold, what helps;
 *                       for an ended verdict, a sentence saying that it ended
 * @param endIteration   the iteration at which the condition ended, or -1 while it is in force
 */
public record Verdict(Problem problem, Severity severity, String layer, String parameter, long firstIteration, double measured,
                      String message, long endIteration) {

    public Verdict {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(message, "message");
        if (endIteration < -1) {
            throw new IllegalArgumentException("endIteration must be -1 (in force) or an iteration, got " + endIteration);
        }
    }

    /** A verdict in force. */
    public Verdict(Problem problem, Severity severity, String layer, String parameter, long firstIteration,
                   double measured, String message) {
        this(problem, severity, layer, parameter, firstIteration, measured, message, -1);
    }

    /** Identity of the condition, independent of its numbers: the same key means the same ongoing verdict. */
    public String key() {
        return keyOf(problem, layer, parameter);
    }

    /** The {@link #key()} of a verdict about {@code problem} on {@code layer} (and {@code parameter}, or null). */
    public static String keyOf(Problem problem, String layer, String parameter) {
        return problem.name() + ":" + layer + (parameter == null ? "" : "/" + parameter);
    }

    /** Whether this is the verdict's last word: the condition ended at {@link #endIteration()}. */
    public boolean ended() {
        return endIteration >= 0;
    }

    /** This verdict in force with another severity (the run's progress was re-judged). */
    public Verdict withSeverity(Severity newSeverity) {
        return new Verdict(problem, newSeverity, layer, parameter, firstIteration, measured, message, endIteration);
    }

    /** This verdict as it ended at {@code iteration}, with a message that says so. */
    public Verdict endedAt(long iteration) {
        String words = subject() + ": " + problem.words() + " (" + severity.name().toLowerCase(Locale.ROOT)
                + " since iteration " + firstIteration + ") ended at iteration " + iteration
                + ": the condition no longer holds.";
        return new Verdict(problem, severity, layer, parameter, firstIteration, measured, words, iteration);
    }

    /** The subject in words: "layer0/W", or "layer1" for a verdict about activations. */
    public String subject() {
        return parameter == null ? layer : layer + "/" + parameter;
    }

    /** How much a verdict claims. */
    public enum Severity {
        /** Something is wrong with this run: act on it. */
        WARNING,
        /** Worth knowing, but the run is progressing: no action needed unless learning stalls. */
        NOTE
    }

    /** The problems gradwatch recognises, each with what its {@link Verdict#measured()} holds. */
    public enum Problem {
        /** measured: decades (log10) the weight gradient RMS lies below the output layer's (window median). */
        VANISHING_GRADIENT("vanishing gradient"),
        /** measured: decades the weight gradient RMS rose above its smallest value in the window. */
        EXPLODING_GRADIENT("exploding gradient"),
        /** measured: NaN + Inf values in the layer (gradients, updates, weights, activations) at that report. */
        NON_FINITE("NaN/Inf"),
        /** measured: fraction of the layer's units that are 0 for the whole minibatch (window median). */
        DEAD_UNITS("dead units"),
        /** measured: fraction of the layer's outputs near an asymptote of sigmoid/tanh (window median). */
        SATURATED_UNITS("saturated units"),
        /** measured: update:weight ratio, above the useful range (window median). */
        LEARNING_RATE_TOO_HIGH("learning rate too high"),
        /** measured: update:weight ratio, below the useful range (window median). */
        LEARNING_RATE_TOO_LOW("learning rate too low"),
        /** measured: update:weight ratio beyond the anchor's extreme limits, above 10 or below 1e-8 (window median). */
        EXTREME_UPDATE_RATIO("extreme update:weight ratio"),
        /** measured: relative spread (std / RMS) of the weight gradient; every unit gets the same gradient. */
        POOR_INITIALIZATION("poor weight initialisation"),
        /** measured: fraction of the window's reports whose weight gradient was exactly zero. */
        ALL_ZERO_GRADIENT("all-zero gradient"),
        /** measured: fraction of the window's reports whose update was exactly zero (the weights never change). */
        UNCHANGED_PARAMETERS("unchanging parameters"),
        /**
         * The run is not learning: its loss is at or above chance level and not decreasing (or, without a
         * chance level, neither decreasing nor well below its first reports). measured: the recent loss
         * (median of the window's recent half).
         */
        LOSS_NOT_DECREASING("not learning");

        private final String words;

        Problem(String words) {
            this.words = words;
        }

        /** The problem in plain words, e.g. "vanishing gradient". */
        public String words() {
            return words;
        }
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;

import java.util.Locale;

/**
 * The loss a model that learned nothing scores: for softmax with multi-class cross-entropy (or negative
 * log-likelihood) over C classes, ln C (the loss of predicting every class with probability 1/C); for
 * sigmoid outputs with binary cross-entropy, ln 2 per output (DL4J sums the loss over a layer's outputs).
 * SameDiff's {@code softmax_cross_entropy_loss} (averaged over the examples) counts as multi-class.
 * Unknown (null) for other losses and for recurrent output layers (DL4J sums their loss over the time
 * steps): progress is then judged against the run's own first reports.
 *
 * @param value the chance-level loss
 * @param words how it was derived, e.g. "ln 10, 10 classes"
 */
record ChanceLevel(double value, String words) {

    /** The chance level of the session's output layer (the last layer with a known loss), or null. */
    static ChanceLevel of(SessionInfo session) {
        LayerInfo output = null;
        for (LayerInfo layer : session.layers()) {
            if (layer.loss() != null) {
                output = layer;
            }
        }
        // DL4J sums a recurrent output layer's loss over the time steps, a number the session does not know
        if (output == null || output.type() != null && output.type().toLowerCase(Locale.ROOT).contains("rnn")) {
            return null;
        }
        return of(output.loss().function(), output.activation().toLowerCase(Locale.ROOT), output.loss().outputs());
    }

    /** The chance level of {@code function} (DL4J class name) on {@code outputs} outputs of {@code activation}. */
    static ChanceLevel of(String function, String activation, long outputs) {
        String f = function.toLowerCase(Locale.ROOT);
        boolean multiClass = (f.contains("mcxent") || f.contains("negativeloglikelihood")) && activation.contains("softmax")
                || f.contains("softmax_cross_entropy"); // SameDiff's loss op applies the softmax itself
        if (multiClass && outputs >= 2) {
            return new ChanceLevel(Math.log(outputs), "ln " + outputs + ", " + outputs + " classes");
        }
        if (f.contains("binaryxent") && activation.contains("sigmoid") && outputs >= 1) {
            return new ChanceLevel(outputs * Math.log(2), outputs == 1 ? "ln 2, one binary output"
                    : "ln 2 per output, " + outputs + " binary outputs");
        }
        return null;
    }
}

package io.gradwatch.example;

import org.nd4j.linalg.activations.Activation;

/** The activation of every hidden layer of the reference network. */
public enum Act {

    SIGMOID("sigmoid", Activation.SIGMOID),
    RELU("relu", Activation.RELU);

    private final String label;
    private final Activation activation;

    Act(String label, Activation activation) {
        this.label = label;
        this.activation = activation;
    }

    /** The DL4J activation. */
    public Activation activation() {
        return activation;
    }

    /** The name used on the command line, in run names and in hparams. */
    public String label() {
        return label;
    }
}

package io.gradwatch.example;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** How the reference network is trained. */
public enum Optimizer {

    /**
     * The reference training: SGD with momentum 0.9 and weight decay 1e-5, in DL4J
     * {@code Nesterovs(lr, 0.9)} with {@code l2(1e-5)} on the weights.
     */
    NESTEROVS("nesterovs", ReferenceMlp.WEIGHT_DECAY) {
        @Override
        public IUpdater updater(double learningRate) {
            return new Nesterovs(learningRate, ReferenceMlp.MOMENTUM);
        }
    },

    /** Plain SGD: no momentum, no weight decay. */
    SGD("sgd", 0.0) {
        @Override
        public IUpdater updater(double learningRate) {
            return new Sgd(learningRate);
        }
    };

    private final String label;
    private final double l2;

    Optimizer(String label, double l2) {
        this.label = label;
        this.l2 = l2;
    }

    /** DL4J's updater for {@code learningRate}. */
    public abstract IUpdater updater(double learningRate);

    /** L2 coefficient on the weights (biases are not decayed). */
    public double l2() {
        return l2;
    }

    /** The name used on the command line and in hparams. */
    public String label() {
        return label;
    }
}

package io.gradwatch.example;

/** How the reference network's weights are drawn. Biases always start at zero. */
public enum Init {

    /** Every weight from U(-0.1, 0.1): deliberately near zero, the tutorial's poor initialisation. */
    UNIFORM("uniform") {
        @Override
        public double bound(int fanIn) {
            return ReferenceMlp.UNIFORM_BOUND;
        }
    },

    /**
     * MXNet-style Xavier (factor "in", magnitude 2.34): U(-s, s) with s = sqrt(2.34 / fan_in), per layer.
     * DL4J's built-in Xavier variants use other scales, so the network draws from this distribution explicitly.
     */
    XAVIER("xavier") {
        @Override
        public double bound(int fanIn) {
            if (fanIn < 1) {
                throw new IllegalArgumentException("fan_in must be at least 1, got " + fanIn);
            }
            return Math.sqrt(ReferenceMlp.XAVIER_MAGNITUDE / fanIn);
        }
    };

    private final String label;

    Init(String label) {
        this.label = label;
    }

    /** Weights of a layer with {@code fanIn} inputs are drawn from U(-bound, bound). */
    public abstract double bound(int fanIn);

    /** The name used on the command line, in run names and in hparams. */
    public String label() {
        return label;
    }
}

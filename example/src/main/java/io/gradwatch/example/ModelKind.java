package io.gradwatch.example;

/** How the reference network is built and trained: as a DL4J MultiLayerNetwork or as a SameDiff graph. */
public enum ModelKind {

    /** {@link ReferenceMlp}: DenseLayers and an OutputLayer, trained with {@code net.fit}. */
    MULTILAYERNETWORK("multilayernetwork"),
    /** {@link SameDiffReferenceMlp}: the same network as a SameDiff graph, trained with {@code sd.fit}. */
    SAMEDIFF("samediff");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    /** The name used on the command line and in hparams. */
    public String label() {
        return label;
    }

}

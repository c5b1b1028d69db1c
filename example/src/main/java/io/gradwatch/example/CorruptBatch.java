package io.gradwatch.example;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * {@code --corrupt-batch N}: multiplies the pixels of the N-th training batch (0-based, first epoch) by 1e4, a
 * bad normalisation, so that gradwatch's {@code recover()} has something to skip: the log shows the WARN line,
 * TensorBoard the {@code recovery/skipped} scalar and the {@code gradwatch/recovery} text.
 */
final class CorruptBatch implements DataSetPreProcessor {

    /** What the corrupt batch's pixels are multiplied by. */
    static final double FACTOR = 1e4;

    private final int batch;
    private int seen;

    CorruptBatch(int batch) {
        this.batch = batch;
    }

    @Override
    public void preProcess(DataSet data) {
        if (seen++ == batch) {
            data.getFeatures().muli(FACTOR);
        }
    }
}

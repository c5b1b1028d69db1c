package io.gradwatch.listener;

import io.gradwatch.stats.Statistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Statistics of a flattened array computed on the training thread, straight from ND4J's buffer (no
 * heap copy): used for the update and the weights when gradwatch's buffers are at their bound.
 */
final class InlineStatistics {

    private InlineStatistics() {
    }

    /** One analysis per segment of {@code layout} (null for unmonitored segments) of {@code flat}. */
    static Statistics.Analysis[] analyse(INDArray flat, ModelLayout layout, boolean histograms) {
        INDArray contiguous = ArrayCopy.isContiguousFloat(flat) ? flat : flat.castTo(DataType.FLOAT).dup('c');
        FloatBuffer buffer = contiguous.data().asNioFloat();
        int base = Math.toIntExact(contiguous.offset());
        List<ModelLayout.Segment> segments = layout.segments();
        Statistics.Analysis[] out = new Statistics.Analysis[segments.size()];
        for (int k = 0; k < out.length; k++) {
            ModelLayout.Segment seg = segments.get(k);
            if (seg.monitored()) {
                int from = base + seg.offset();
                out[k] = Statistics.analyse(buffer, from, from + seg.length(), 1f, histograms);
            }
        }
        return out;
    }
}

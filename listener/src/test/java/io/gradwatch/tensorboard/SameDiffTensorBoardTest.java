package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.ReferenceMlp;
import io.gradwatch.testing.SameDiffMlp;
import io.gradwatch.testing.SameDiffReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The README's line on a SameDiff model: the event file passes the strict reader and TensorFlow's own,
 * and its per-layer gradient RMS scalars equal plain loops over SameDiff's calculateGradients arrays.
 */
class SameDiffTensorBoardTest {

    private static final int STEPS = 3;

    @TempDir
    Path tmp;

    @Test
    void sameDiffTraining_tensorBoardScalarsEqualSameDiffsOwnGradients_andTensorFlowReadsTheFile() throws Exception {
        SameDiff sd = SameDiffMlp.build(ReferenceMlp.Init.XAVIER, SameDiffMlp.Activation.RELU, 3);
        List<DataSet> batches = ReferenceMlp.randomBatches(3, STEPS, 16);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(2).tensorBoard(tmp.resolve("sd"))
                .build();
        sd.addListeners(listener);
        double[][] expected = new double[STEPS][ReferenceMlp.SIZES.length - 1];
        for (int s = 0; s < STEPS; s++) {
            DataSet b = batches.get(s);
            Map<String, INDArray> grads = sd.calculateGradients(Map.of("input", b.getFeatures(), "label",
                    b.getLabels()), "w0", "w1", "w2", "w3", "w4", "w5", "w6");
            for (int layer = 0; layer < expected[s].length; layer++) {
                expected[s][layer] = rms(SameDiffReference.floats(grads.get("w" + layer)));
            }
            sd.fit(b);
        }
        listener.close();

        List<Path> files;
        try (Stream<Path> f = Files.walk(tmp)) {
            files = f.filter(p -> p.getFileName().toString().contains("tfevents")).toList();
        }
        assertEquals(1, files.size(), files.toString());
        StrictEventReader.Result strict = StrictEventReader.read(files.get(0));
        Map<String, Map<Long, Float>> scalars = strict.scalars();
        for (int s = 0; s < STEPS; s++) {
            for (int layer = 0; layer < expected[s].length; layer++) {
                String tag = "gradients/layer" + layer + "/W/rms";
                Float v = scalars.getOrDefault(tag, Map.of()).get((long) s);
                assertNotNull(v, tag + " at step " + s);
                assertEquals(expected[s][layer], v, 1e-5 * expected[s][layer], tag + " at step " + s);
            }
        }
        assertNotNull(strict.histograms().get("gradients/layer0/W").get(0L), "histogram at step 0");
        assertNotNull(scalars.get("loss"));
        assertNotNull(scalars.get("activations/layer0/dead_fraction"), scalars.keySet().toString());

        TfInterop.Outcome tf = TfInterop.read(files, tmp).get(0);
        assertNull(tf.error(), "TensorFlow's reader refused the file: " + tf.error());
        assertEquals(strict.payloads().size(), tf.records().size());
        for (int i = 0; i < tf.records().size(); i++) {
            assertArrayEquals(strict.payloads().get(i), tf.records().get(i));
        }
    }

    private static double rms(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s / a.length);
    }
}

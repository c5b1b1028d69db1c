package io.gradwatch.tensorboard;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's interop bar: a short training with {@code tensorBoard(dir)}, then every file it wrote is
 * read by TensorFlow's own C++ record reader (TF Java 1.1.0, in a child JVM) and parsed with
 * TensorFlow's generated {@code Event} proto; every tag, step and value the listener reported must be there.
 */
class TensorBoardInteropTest {

    @TempDir
    Path tmp;

    @Test
    void shortTraining_everyFileReadsWithTensorFlowsReader_withEveryExpectedTagStepAndValue() throws Exception {
        Path run = tmp.resolve("runs/exp1");
        RecordingSink recorded = new RecordingSink();
        MultiLayerNetwork net = TestNetworks.mlp(7);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(2).tensorBoard(run)
                .sink(recorded).hparams(Map.of("trial", "interop")).build();
        net.addListeners(listener);
        DataSet data = TestNetworks.data(7, 32, 12, 3);
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        listener.metric("validation/accuracy", 0.625, 4, 0);
        listener.close();

        List<Path> files;
        try (Stream<Path> s = Files.walk(tmp)) {
            files = s.filter(p -> p.getFileName().toString().contains("tfevents")).sorted().toList();
        }
        assertEquals(1, files.size(), "one run, one file: " + files);
        StrictEventReader.Result strict = StrictEventReader.read(files.get(0));

        List<TfInterop.Outcome> outcomes = TfInterop.read(files, tmp);
        TfInterop.Outcome tf = outcomes.get(0);
        assertNull(tf.error(), "TensorFlow's reader refused " + tf.file() + ": " + tf.error());
        assertEquals(strict.payloads().size(), tf.records().size(), "TensorFlow read every record");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < tf.records().size(); i++) {
            assertArrayEquals(strict.payloads().get(i), tf.records().get(i));
            events.add(Event.parseFrom(tf.records().get(i)));
        }
        assertEquals("brain.Event:2", events.get(0).getFileVersion());

        Map<String, Map<Long, Summary.Value>> byTag = new HashMap<>();
        for (Event e : events.subList(1, events.size())) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                byTag.computeIfAbsent(v.getTag(), t -> new HashMap<>()).put(e.getStep(), v);
            }
        }
        assertEquals(5, recorded.reports.size());
        int histogramSteps = 0;
        for (StepReport r : recorded.reports) {
            long step = r.iteration();
            assertScalar(byTag, "loss", step, r.loss());
            assertScalar(byTag, "gradients/total_norm", step, r.gradientTotalNorm());
            for (Scalar s : r.scalars()) {
                assertScalar(byTag, s.key().path(), step, s.value());
            }
            if (r.overhead().overheadFraction() == r.overhead().overheadFraction()) {
                assertScalar(byTag, "gradwatch/overhead_fraction", step, r.overhead().overheadFraction());
            }
            if (r.histograms()) {
                histogramSteps++;
                for (ParameterReport p : r.parameters()) {
                    assertHistogram(byTag, "gradients/" + p.name(), step, p.gradientHistogram().finiteCount());
                    assertHistogram(byTag, "updates/" + p.name(), step, p.updateHistogram().finiteCount());
                    assertHistogram(byTag, "weights/" + p.name(), step, p.weightHistogram().finiteCount());
                }
                for (ActivationReport a : r.activations()) {
                    assertHistogram(byTag, "activations/" + a.layer(), step, a.histogram().finiteCount());
                }
            }
        }
        assertTrue(histogramSteps >= 2, "histograms every 2 iterations");
        assertEquals(0.625f, byTag.get("validation/accuracy").get(4L).getSimpleValue());
        assertEquals("hparams", byTag.get("_hparams_/session_start_info").get(0L).getMetadata().getPluginData()
                .getPluginName());
        assertTrue(byTag.get("_hparams_/session_start_info").get(0L).getMetadata().getPluginData().getContent()
                .toStringUtf8().contains("interop"), "the user's hparams are in the session start info");
        assertNotNull(byTag.get("_hparams_/experiment"));
        assertNotNull(byTag.get("_hparams_/session_end_info"));
        assertTrue(byTag.get("custom_scalars__config__").get(0L).getTensor().getStringVal(0).toStringUtf8()
                .contains("gradients/layer0/W/rms$"));
    }

    private static void assertScalar(Map<String, Map<Long, Summary.Value>> byTag, String tag, long step, double v) {
        Summary.Value value = byTag.getOrDefault(tag, Map.of()).get(step);
        if (!Float.isFinite((float) v)) {
            assertNull(value, tag + " at " + step + " is " + v + ": left out");
            return;
        }
        assertNotNull(value, tag + " at step " + step);
        assertEquals((float) v, value.getSimpleValue(), tag + " at step " + step);
    }

    private static void assertHistogram(Map<String, Map<Long, Summary.Value>> byTag, String tag, long step,
                                        long finite) {
        Summary.Value value = byTag.getOrDefault(tag, Map.of()).get(step);
        assertNotNull(value, "histogram " + tag + " at step " + step);
        HistogramProto h = value.getHisto();
        assertEquals(finite, (long) h.getNum(), tag);
        assertEquals(h.getBucketCount(), h.getBucketLimitCount());
    }

    @Test
    void referenceFile_readsIdenticallyWithOurStrictReaderAndTensorFlows() throws IOException, InterruptedException {
        TfInterop.Outcome tf = TfInterop.read(List.of(Reference.file()), tmp).get(0);
        assertNull(tf.error());
        StrictEventReader.Result ours = Reference.read();
        assertEquals(21, tf.records().size());
        for (int i = 0; i < 21; i++) {
            assertArrayEquals(ours.payloads().get(i), tf.records().get(i));
        }
    }

    @Test
    void corruptedFile_isRefusedByTensorFlowsReader_andByOurs() throws IOException, InterruptedException {
        Path f = tmp.resolve("events.out.tfevents.corrupt");
        byte[] b = Files.readAllBytes(Reference.file());
        b[700] ^= 0x10; // one bit in the middle of a record
        Files.write(f, b);
        TfInterop.Outcome tf = TfInterop.read(List.of(f), tmp).get(0);
        assertNotNull(tf.error(), "TensorFlow detects the flipped bit");
        AssertionError ours = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> StrictEventReader.read(f));
        assertTrue(ours.getMessage().contains("corrupted"), ours.getMessage());
    }
}

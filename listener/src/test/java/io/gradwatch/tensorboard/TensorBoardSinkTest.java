package io.gradwatch.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.report.Verdict;
import io.gradwatch.stats.LogHistogram;
import io.gradwatch.stats.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink on hand-made reports: tags, NaN policy, histograms, hparams, layout, workers. */
class TensorBoardSinkTest {

    @TempDir
    Path dir;

    private TensorBoardSink sink() {
        return TensorBoardSink.create(dir, d -> SummaryWriter.builder(d).closeOnShutdown(false).build());
    }

    static SessionInfo session(String worker) {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("activation", "sigmoid");
        hp.put("learning_rate", 0.1);
        hp.put("batch_size", 128);
        List<LayerInfo> layers = List.of(
                new LayerInfo("layer0", 0, "DenseLayer", "sigmoid", List.of(
                        new LayerInfo.ParameterInfo("W", 6, List.of(2L, 3L)),
                        new LayerInfo.ParameterInfo("b", 3, List.of(1L, 3L)))),
                new LayerInfo("layer1", 1, "OutputLayer", "softmax", List.of(
                        new LayerInfo.ParameterInfo("W", 6, List.of(3L, 2L)))));
        return new SessionInfo("s1", worker, 1_795_836_282_000L, "MultiLayerNetwork", layers,
                GradientScale.MEAN_LOSS, hp, "{}");
    }

    static StepReport report(String worker, long iteration, float[] gradient, boolean histograms, Diagnosis d) {
        var g = Statistics.analyse(gradient, 0, gradient.length, 1f, histograms);
        float[] w = {0.5f, -0.25f, 1f, 2f, -3f, 0f};
        var u = Statistics.analyse(w, 0, w.length, 0.01f, histograms);
        var ws = Statistics.analyse(w, 0, w.length, 1f, histograms);
        ParameterReport p = new ParameterReport("layer0", "W", 0, g.stats(), u.stats(), ws.stats(),
                u.stats().rms() / ws.stats().rms(), g.histogram(), u.histogram(), ws.histogram());
        float[] act = {0f, 0.5f, 0.999f, 0.2f};
        var a = Statistics.analyse(act, 0, act.length, 1f, histograms);
        ActivationReport ar = new ActivationReport("layer0", 0, "sigmoid", a.stats(), Double.NaN, 0.25,
                a.histogram());
        return new StepReport("s1", worker, iteration, 0, 1_795_836_282_000L + iteration * 10, 2.3, 128,
                GradientScale.MEAN_LOSS, 1.5, List.of(p), List.of(ar), histograms,
                new Overhead(0.4, 1.2, iteration == 0 ? Double.NaN : 0.03, 0, 0), d);
    }

    private static StepReport report(long iteration, float[] gradient, boolean histograms) {
        return report("0", iteration, gradient, histograms, Diagnosis.none());
    }

    private StrictEventReader.Result readRun(Path run) throws IOException {
        return StrictEventReader.read(SummaryWriterTest.onlyEventsFile(run));
    }

    @Test
    void publish_writesEveryScalarUnderItsKeyPath_atTheIteration() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        StepReport r = report(3, new float[]{1e-7f, -2e-7f, 3e-7f, 0f, 5e-7f, -1e-6f}, false);
        sink.publish(r);
        sink.close();
        Map<String, Map<Long, Float>> scalars = readRun(dir).scalars();
        for (Scalar s : r.scalars()) {
            if (Double.isFinite(s.value())) {
                assertEquals((float) s.value(), scalars.get(s.key().path()).get(3L), s.key().path());
            }
        }
        assertEquals(2.3f, scalars.get("loss").get(3L));
        assertEquals(1.5f, scalars.get("gradients/total_norm").get(3L));
        assertEquals(0.03f, scalars.get("gradwatch/overhead_fraction").get(3L));
        assertEquals((float) r.parameters().get(0).gradient().rms(), scalars.get("gradients/layer0/W/rms").get(3L));
        assertEquals(0f, scalars.get("gradwatch/non_finite_skipped").get(3L));
        assertEquals(0f, scalars.get("gradwatch/tensorboard_dropped_events").get(3L));
    }

    @Test
    void publish_writesLog10OfEachGradientRms_soTheLayoutChartShowsDecades() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.publish(report(0, new float[]{1e-7f, -2e-7f, 3e-7f, 0f, 5e-7f, -1e-6f}, false));
        sink.publish(report(1, new float[]{0f, 0f}, false));
        sink.close();
        Map<String, Map<Long, Float>> s = readRun(dir).scalars();
        float rms = s.get("gradients/layer0/W/rms").get(0L);
        assertEquals((float) Math.log10(rms), s.get("gradients/layer0/W/log10_rms").get(0L), 1e-6f);
        assertTrue(s.get("gradients/layer0/W/log10_rms").get(0L) < -6, "about -6.3 for an RMS of 5e-7");
        assertFalse(s.get("gradients/layer0/W/log10_rms").containsKey(1L), "an all-zero gradient has no log10");
    }

    @Test
    void publish_nonFiniteStatistics_areLeftOutAndCounted_whileNanAndInfCountsAreAlwaysWritten() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.publish(report(0, new float[]{1f, 2f, 3f}, false));
        sink.publish(report(1, new float[]{1f, Float.NaN, Float.POSITIVE_INFINITY}, false));
        sink.close();
        Map<String, Map<Long, Float>> s = readRun(dir).scalars();
        assertEquals(Map.of(0L, 0f, 1L, 1f), s.get("gradients/layer0/W/nan_count"));
        assertEquals(Map.of(0L, 0f, 1L, 1f), s.get("gradients/layer0/W/inf_count"));
        assertFalse(s.get("gradients/layer0/W/rms").containsKey(1L), "NaN rms is not written");
        assertTrue(s.get("gradients/layer0/W/rms").containsKey(0L));
        assertEquals(3f, s.get("gradients/layer0/W/max").get(0L));
        assertTrue(s.get("gradwatch/non_finite_skipped").get(1L) > 0);
        for (Map<Long, Float> series : s.values()) {
            series.values().forEach(v -> assertTrue(Float.isFinite(v)));
        }
        assertFalse(s.get("gradwatch/overhead_fraction").containsKey(0L), "NaN on a worker's first report");
    }

    @Test
    void publish_histograms_haveGradwatchBinEdges_finiteValuesOnly_andTensorBoardsInvariants() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.publish(report(0, new float[]{1e-7f, -3f, 0f, 0.75f, Float.NaN, Float.NEGATIVE_INFINITY, 4e6f}, true));
        sink.close();
        StrictEventReader.Result r = readRun(dir); // checks every histogram's invariants
        Map<String, Map<Long, HistogramProto>> h = r.histograms();
        assertEquals(List.of("activations/layer0", "gradients/layer0/W", "updates/layer0/W", "weights/layer0/W"),
                new ArrayList<>(h.keySet()));
        HistogramProto g = h.get("gradients/layer0/W").get(0L);
        assertEquals(5, g.getNum(), "NaN and -Inf are not in the histogram");
        for (double limit : g.getBucketLimitList()) {
            boolean powerOfTwo = limit == 0 || Math.abs(limit) == Double.MAX_VALUE
                    || Math.abs(limit) == Math.scalb(1.0, Math.getExponent(limit));
            assertTrue(powerOfTwo && Math.abs(limit) <= Math.scalb(1.0, LogHistogram.MAX_EXPONENT)
                    || limit == Double.MAX_VALUE, "limit " + limit + " is a gradwatch bin edge");
        }
        assertEquals(Double.MAX_VALUE, g.getBucketLimit(g.getBucketLimitCount() - 1), "4e6 overflows to DBL_MAX");
        assertTrue(g.getMin() <= -3 && g.getMax() >= 4e6);
        // each value sits in [previous limit, limit): 0.75 is in [0.5, 1), 1e-7 in [2^-24, 2^-23)
        assertEquals(1, countIn(g, 1.0));
        assertEquals(1, countIn(g, Math.scalb(1.0, -23)));
    }

    private static double countIn(HistogramProto h, double limit) {
        return h.getBucket(h.getBucketLimitList().indexOf(limit));
    }

    @Test
    void publish_whenVerdictsChange_writesDiagnosisText() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        Verdict v = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, "layer0", "W", 5, 4.2,
                "layer0/W gradient is 4.2 decades below the output layer: vanishing");
        sink.publish(report("0", 5, new float[]{1f}, false, new Diagnosis(List.of(v), List.of(v), List.of())));
        sink.publish(report("0", 6, new float[]{1f}, false, new Diagnosis(List.of(v), List.of(), List.of())));
        sink.publish(report("0", 7, new float[]{1f}, false, new Diagnosis(List.of(), List.of(), List.of(v))));
        sink.close();
        List<Summary.Value> texts = readRun(dir).values("diagnosis");
        assertEquals(2, texts.size(), "written at the start and at the end of the verdict only");
        assertTrue(texts.get(0).getTensor().getStringVal(0).toStringUtf8().contains("4.2 decades below"));
        assertTrue(texts.get(1).getTensor().getStringVal(0).toStringUtf8().contains("resolved"));
        assertEquals("text", texts.get(0).getMetadata().getPluginData().getPluginName());
    }

    @Test
    void start_writesHParamsExperimentWithMetrics_sessionStart_andLayoutOnce() throws IOException {
        TensorBoardSink sink = TensorBoardSink.create(dir, d -> SummaryWriter.builder(d).closeOnShutdown(false).build(),
                List.of("validation/accuracy"));
        sink.start(session("0"));
        sink.publish(report(0, new float[]{1f}, false));
        sink.close();
        StrictEventReader.Result r = readRun(dir);

        UnknownFieldSet start = pluginContent(r.values(HParams.SESSION_START_TAG)).getField(3).getLengthDelimitedList()
                .stream().map(TensorBoardSinkTest::parse).findFirst().orElseThrow();
        List<String> keys = start.getField(1).getLengthDelimitedList().stream()
                .map(e -> parse(e).getField(1).getLengthDelimitedList().get(0).toStringUtf8()).toList();
        assertEquals(List.of("activation", "batch_size", "learning_rate"), keys);
        assertEquals("s1", start.getField(4).getLengthDelimitedList().get(0).toStringUtf8());

        UnknownFieldSet experiment = parse(pluginContent(r.values(HParams.EXPERIMENT_TAG)).getField(2)
                .getLengthDelimitedList().get(0));
        List<String> metrics = experiment.getField(5).getLengthDelimitedList().stream()
                .map(m -> parse(parse(m).getField(1).getLengthDelimitedList().get(0)).getField(2)
                        .getLengthDelimitedList().get(0).toStringUtf8()).toList();
        // issue 14: only series that are written; layer1 is not in the report (not monitored)
        assertEquals(List.of("loss", "validation/accuracy", "gradients/total_norm", "gradients/layer0/W/rms"),
                metrics);

        List<Summary.Value> layout = r.values("custom_scalars__config__");
        assertEquals(1, layout.size());
        String layoutText = layout.get(0).getTensor().getStringVal(0).toStringUtf8();
        for (String tag : List.of("gradients/layer0/W/rms$", "updates/layer0/W/ratio$", "gradient RMS, every layer",
                "update:weight ratio, every layer", "gradients/layer0/W/log10_rms$",
                "log10 of the gradient RMS, every layer")) {
            assertTrue(layoutText.contains(tag), tag);
        }
        // issue 25: the layout names only series the run writes (layer0/b and layer1 are not in its reports)
        for (String tag : List.of("gradients/layer0/b/rms$", "gradients/layer1/W/rms$")) {
            assertFalse(layoutText.contains(tag), tag);
        }
        assertEquals(1, r.values(HParams.SESSION_END_TAG).size(), "close ends the session");
    }

    @Test
    void experiment_withoutDeclaredUserMetrics_declaresNoValidationMetric() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.publish(report(0, new float[]{1f}, false));
        sink.close();
        UnknownFieldSet experiment = parse(pluginContent(readRun(dir).values(HParams.EXPERIMENT_TAG)).getField(2)
                .getLengthDelimitedList().get(0));
        String metrics = experiment.getField(5).getLengthDelimitedList().toString();
        assertFalse(metrics.contains("validation/"), metrics);
    }

    private static UnknownFieldSet pluginContent(List<Summary.Value> values) {
        assertEquals(1, values.size());
        return parse(values.get(0).getMetadata().getPluginData().getContent());
    }

    private static UnknownFieldSet parse(ByteString b) {
        try {
            return UnknownFieldSet.parseFrom(b);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Issue 23: each recovery action is a running count per action and a line of text, at its iteration. */
    @Test
    void recovery_writesCountPerActionAndText_atTheEventsIteration() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.recovery(new io.gradwatch.report.RecoveryEvent("s1", "0", 200, 1, 1_795_836_283_000L,
                io.gradwatch.report.RecoveryEvent.Action.SKIPPED, "gradient norm 3.2e+04 ...: batch skipped", 3.2e4,
                Double.NaN, -1, 1));
        sink.recovery(new io.gradwatch.report.RecoveryEvent("s1", "0", 230, 1, 1_795_836_284_000L,
                io.gradwatch.report.RecoveryEvent.Action.SKIPPED, "non-finite gradient: batch skipped", Double.NaN,
                Double.NaN, -1, 1));
        sink.recovery(new io.gradwatch.report.RecoveryEvent("s1", "0", 231, 1, 1_795_836_285_000L,
                io.gradwatch.report.RecoveryEvent.Action.ROLLED_BACK, "rolled back to iteration 220", Double.NaN,
                Double.NaN, 220, 0.5));
        sink.close();
        StrictEventReader.Result r = readRun(dir);
        assertEquals(Map.of(200L, 1f, 230L, 2f), r.scalars().get("recovery/skipped"));
        assertEquals(Map.of(231L, 1f), r.scalars().get("recovery/rolled_back"));
        List<Summary.Value> texts = r.values("gradwatch/recovery");
        assertEquals(3, texts.size());
        assertEquals("gradwatch recovery at iteration 200: SKIPPED: gradient norm 3.2e+04 ...: batch skipped",
                texts.get(0).getTensor().getStringVal(0).toStringUtf8());
        assertEquals("text", texts.get(0).getMetadata().getPluginData().getPluginName());
    }

    @Test
    void metric_isAScalarUnderItsName_andNaNMetricsAreSkipped() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("0"));
        sink.metric(new UserMetric("s1", "0", "validation/accuracy", 10, 0, 1_795_836_283_000L, 0.91));
        sink.metric(new UserMetric("s1", "0", "validation/accuracy", 20, 0, 1_795_836_284_000L, Double.NaN));
        sink.close();
        assertEquals(Map.of(10L, 0.91f), readRun(dir).scalars().get("validation/accuracy"));
    }

    @Test
    void secondWorker_writesItsOwnRunSubdirectory_withoutSessionInfo_userMetricsStayInTheRun() throws IOException {
        TensorBoardSink sink = sink();
        sink.start(session("w0"));
        sink.start(session("w1"));
        sink.publish(report("w0", 1, new float[]{1f}, false, Diagnosis.none()));
        sink.publish(report("w1", 1, new float[]{2f}, false, Diagnosis.none()));
        sink.metric(new UserMetric("s1", "w1", "validation/accuracy", 1, 0, 1_795_836_283_000L, 0.5));
        sink.close();
        StrictEventReader.Result root = readRun(dir);
        StrictEventReader.Result w1 = readRun(dir.resolve("worker-w1"));
        assertEquals(1f, root.scalars().get("gradients/layer0/W/max").get(1L));
        assertEquals(2f, w1.scalars().get("gradients/layer0/W/max").get(1L));
        assertEquals(1, root.values(HParams.SESSION_START_TAG).size());
        assertTrue(w1.values(HParams.SESSION_START_TAG).isEmpty());
        assertEquals(0.5f, root.scalars().get("validation/accuracy").get(1L), "user metrics describe the session");
        assertNull(w1.scalars().get("validation/accuracy"));
        assertTrue(Files.isDirectory(dir.resolve("worker-w1")));
    }

    @Test
    void publish_withoutHistograms_writesNoHistogramEvent() throws IOException {
        TensorBoardSink sink = sink();
        sink.publish(report(0, new float[]{1f}, false));
        sink.close();
        assertTrue(readRun(dir).histograms().isEmpty());
        assertNull(readRun(dir).scalars().get("nothing"));
    }
}

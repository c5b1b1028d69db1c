package io.gradwatch.ui.store;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * gradwatch's statistics written as the records DL4J's own Overview, Model and System pages read (the
 * StatsListener report format, type id {@value #TYPE_ID}), so those pages show a run that attaches only
 * gradwatch. Everything comes from values gradwatch already computed (no array is read here): score,
 * mean magnitudes (hence DL4J's update:parameter ratios) and standard deviations of parameters,
 * gradients, updates and activations (and the activations' means), learning rates, performance, memory and the model's
 * configuration. DL4J's parameter and update histograms stay empty: gradwatch bins only gradients.
 */
public final class Dl4jRecords {

    /** DL4J's StatsListener.TYPE_ID, the type its TrainModule listens to. */
    public static final String TYPE_ID = "StatsListener";

    private Dl4jRecords() {
    }

    public static StorageMetaData metaData(SessionInfo s) {
        return new SbeStorageMetaData(s.startTimeMillis(), s.sessionId(), TYPE_ID, s.workerId(),
                SbeStatsInitializationReport.class, SbeStatsReport.class);
    }

    public static Persistable initialization(SessionInfo s) {
        SbeStatsInitializationReport r = new SbeStatsInitializationReport();
        r.reportIDs(s.sessionId(), TYPE_ID, s.workerId(), s.startTimeMillis());
        Runtime rt = Runtime.getRuntime();
        r.reportSoftwareInfo(System.getProperty("os.arch"), System.getProperty("os.name"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.specification.version"), "", "", hostName(), "", Map.of());
        r.reportHardwareInfo(rt.availableProcessors(), 0, rt.maxMemory(), offHeapMax(), new long[0], new String[0], "");
        boolean graph = "ComputationGraph".equals(s.modelClass());
        String modelClass = graph ? "org.deeplearning4j.nn.graph.ComputationGraph"
                : "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
        java.util.List<String> names = new java.util.ArrayList<>();
        long params = 0;
        for (LayerInfo l : s.layers()) {
            for (LayerInfo.ParameterInfo p : l.parameters()) {
                names.add(key(graph, l.name(), l.index(), p.key()));
                params += p.size();
            }
        }
        r.reportModelInfo(modelClass, s.modelJson(), names.toArray(new String[0]), s.layers().size(), params);
        return r;
    }

    /** The StatsListener-style report of {@code r}, stored at {@code timestamp}. */
    public static Persistable report(StepReport r, long timestamp, long startMillis, boolean graph, Double learningRate) {
        SbeStatsReport u = new SbeStatsReport();
        u.reportIDs(r.sessionId(), TYPE_ID, r.workerId(), timestamp);
        u.reportIterationCount((int) Math.min(Integer.MAX_VALUE, r.iteration()));
        u.reportScore(r.loss());
        u.reportStatsCollectionDurationMS((int) Math.round(r.overhead().analysisMillis()));
        long runtime = Math.max(1, timestamp - startMillis);
        long minibatches = r.iteration() + 1;
        u.reportPerformance(runtime, minibatches * r.batchSize(), minibatches,
                minibatches * r.batchSize() * 1000.0 / runtime, minibatches * 1000.0 / runtime);
        Runtime rt = Runtime.getRuntime();
        u.reportMemoryUse(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), offHeapUsed(), offHeapMax(),
                new long[0], new long[0]);
        Map<String, Double> rates = new HashMap<>();
        perParameter(u, r, graph, StatsType.Gradients, ParameterReport::gradient);
        perParameter(u, r, graph, StatsType.Updates, ParameterReport::update);
        perParameter(u, r, graph, StatsType.Parameters, ParameterReport::weights);
        if (learningRate != null) {
            r.parameters().forEach(p -> rates.put(key(graph, p.layer(), p.layerIndex(), p.parameter()), learningRate));
            u.reportLearningRates(rates);
        }
        if (!r.activations().isEmpty()) {
            Map<String, Double> mean = new HashMap<>();
            Map<String, Double> std = new HashMap<>();
            Map<String, Double> mag = new HashMap<>();
            for (ActivationReport a : r.activations()) {
                String k = graph ? a.layer() : String.valueOf(a.layerIndex());
                mean.put(k, a.stats().mean());
                std.put(k, a.stats().std());
                mag.put(k, a.stats().meanAbs());
            }
            u.reportMean(StatsType.Activations, mean);
            u.reportStdev(StatsType.Activations, std);
            u.reportMeanMagnitudes(StatsType.Activations, mag);
        }
        return u;
    }

    private static void perParameter(SbeStatsReport u, StepReport r, boolean graph, StatsType type,
                                     Function<ParameterReport, ArrayStats> stats) {
        // Means of parameters are left out: DL4J's pages draw mean magnitudes and standard deviations only.
        Map<String, Double> std = new HashMap<>();
        Map<String, Double> mag = new HashMap<>();
        for (ParameterReport p : r.parameters()) {
            ArrayStats s = stats.apply(p);
            if (s != null) {
                String k = key(graph, p.layer(), p.layerIndex(), p.parameter());
                std.put(k, s.std());
                mag.put(k, s.meanAbs());
            }
        }
        if (!mag.isEmpty()) {
            u.reportStdev(type, std);
            u.reportMeanMagnitudes(type, mag);
        }
    }

    /** DL4J's parameter-table key: "0_W" in a MultiLayerNetwork, "dense_W" in a ComputationGraph. */
    public static String key(boolean graph, String layer, int index, String param) {
        return (graph ? layer : String.valueOf(index)) + "_" + param;
    }

    private static long offHeapUsed() {
        try {
            return org.bytedeco.javacpp.Pointer.totalBytes();
        } catch (LinkageError e) {
            return 0;
        }
    }

    private static long offHeapMax() {
        try {
            return org.bytedeco.javacpp.Pointer.maxBytes();
        } catch (LinkageError e) {
            return 0;
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        return h == null ? "" : h;
    }
}

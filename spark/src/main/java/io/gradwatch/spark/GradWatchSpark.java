package io.gradwatch.spark;

import io.gradwatch.GradWatchBuilder;
import io.gradwatch.GradWatchParts;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Attaches gradwatch to a Spark training with one line, under ParameterAveragingTrainingMaster or
 * SharedTrainingMaster:
 *
 * <pre>{@code
 * SparkGradWatch watch = GradWatchSpark.attach(sparkNet, GradWatch.builder().ui().tensorBoard("runs/spark"));
 * }</pre>
 *
 * The executors measure every worker's gradients, updates and activations as the single-JVM listener
 * does; the reports travel to the driver through DL4J's own listener route, and the driver diagnoses
 * each worker's series and publishes to the UI and TensorBoard. This replaces the network's listeners.
 */
public final class GradWatchSpark {

    private GradWatchSpark() {
    }

    /**
     * Monitors {@code network}'s training on Spark with the sinks and settings of {@code builder}.
     * {@code others} are set beside gradwatch's listener (Spark serialises them to the executors too).
     */
    public static SparkGradWatch attach(SparkDl4jMultiLayer network, GradWatchBuilder builder,
                                        TrainingListener... others) {
        Objects.requireNonNull(network, "attach(network, builder): network must not be null");
        return attach(network.getSparkContext(), builder, others, network::setListeners);
    }

    /** Like {@link #attach(SparkDl4jMultiLayer, GradWatchBuilder, TrainingListener...)}, for a graph. */
    public static SparkGradWatch attach(SparkComputationGraph graph, GradWatchBuilder builder,
                                        TrainingListener... others) {
        Objects.requireNonNull(graph, "attach(graph, builder): graph must not be null");
        return attach(graph.getSparkContext(), builder, others, graph::setListeners);
    }

    private static SparkGradWatch attach(JavaSparkContext sc, GradWatchBuilder builder, TrainingListener[] others,
                                         BiConsumer<StatsStorageRouter, Collection<TrainingListener>> setListeners) {
        Objects.requireNonNull(builder, "attach(network, builder): builder must not be null; "
                + "pass GradWatch.builder() with the sinks you want");
        GradWatchParts parts = builder.parts();
        DriverReports reports = new DriverReports(parts.sinks(), parts.diagnoser());
        ReportReceiver receiver = ReportReceiver.start(sc.getConf().get("spark.driver.host", "localhost"), reports);
        DriverRouter router = new DriverRouter(receiver.endpoint(), reports);
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new ExecutorListener(WorkerSettings.of(parts)));
        listeners.addAll(Arrays.asList(others));
        setListeners.accept(router, listeners);
        return new SparkGradWatch(parts.config().sessionId(), reports, receiver);
    }
}

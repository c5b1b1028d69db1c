package io.gradwatch.spark;

import io.gradwatch.GradWatch;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.TestNetworks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SparkDl4jMultiLayer under ParameterAveragingTrainingMaster, local[2], two fit() calls. */
class ParameterAveragingTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void whenTrainedTwice_thenEveryWorkersReportsReachTheDriverWithStableIdsAndContinuingSteps() throws Exception {
        ReferenceRecorder.STEPS.clear();
        Path runDir = tmp.resolve("runs/spark");
        List<StepReport> received = new CopyOnWriteArrayList<>();
        try (JavaSparkContext sc = LocalSpark.start("gradwatch-paramavg")) {
            // 64 examples per fit, 2 workers x batch 8 x averaging every 2 minibatches: 2 splits,
            // so each worker trains 4 minibatches per fit in 2 averaging rounds.
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(2, 1)
                    .batchSizePerWorker(8).averagingFrequency(2).rddTrainingApproach(RDDTrainingApproach.Direct)
                    .build();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(42), master);
            SparkGradWatch watch = GradWatchSpark.attach(sparkNet, GradWatch.builder().every(1).histogramsEvery(2)
                    .sessionId("spark-paramavg").ui(0).tensorBoard(runDir).onReport(received::add),
                    new ReferenceRecorder());
            JavaRDD<DataSet> data = LocalSpark.data(sc, 7, 64);
            sparkNet.fit(data);
            sparkNet.fit(data);
            watch.flush();

            assertEquals(Map.of("0", 8L, "1", 8L), watch.reportsPerWorker());
            for (String worker : List.of("0", "1")) {
                // DL4J's iteration count goes on across averaging rounds and fit() calls
                assertEquals(LongStream.range(0, 8).boxed().toList(), received.stream()
                        .filter(r -> r.workerId().equals(worker)).map(StepReport::iteration).sorted().toList());
            }
            ReportChecks.matchesReference(received, ReferenceRecorder.steps(),
                    p -> p.layerIndex() + "_" + p.parameter());
            ReportChecks.uiListsWorkers("spark-paramavg", Set.of("0", "1"));
            watch.close();
            ReportChecks.tensorBoardHasEveryWorker(runDir, received);
        }
    }
}

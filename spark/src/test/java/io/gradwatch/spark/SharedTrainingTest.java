package io.gradwatch.spark;

import io.gradwatch.GradWatch;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.TestNetworks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SparkComputationGraph under SharedTrainingMaster (gradient sharing over Aeron), local[2], two fit() calls. */
class SharedTrainingTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void whenTrainedTwice_thenEveryWorkersReportsReachTheDriverOverHttpWithStableIds() throws Exception {
        ReferenceRecorder.STEPS.clear();
        Path runDir = tmp.resolve("runs/spark");
        List<StepReport> received = new CopyOnWriteArrayList<>();
        try (JavaSparkContext sc = LocalSpark.start("gradwatch-shared")) {
            VoidConfiguration voidConf = VoidConfiguration.builder().unicastPort(freeUdpPort())
                    .controllerAddress("127.0.0.1").networkMask("127.0.0.0/8").build();
            SharedTrainingMaster master = new SharedTrainingMaster.Builder(voidConf, 2,
                    new AdaptiveThresholdAlgorithm(1e-3), 8)
                    .batchSizePerWorker(8).workersPerNode(2).rddTrainingApproach(RDDTrainingApproach.Direct)
                    .build();
            SparkComputationGraph sparkNet = new SparkComputationGraph(sc, TestNetworks.graph(42), master);
            SparkGradWatch watch = GradWatchSpark.attach(sparkNet, GradWatch.builder().every(1).histogramsEvery(2)
                    .sessionId("spark-shared").ui(0).tensorBoard(runDir).onReport(received::add),
                    new ReferenceRecorder());
            JavaRDD<DataSet> data = LocalSpark.batches(sc, 11, 64, 8);
            sparkNet.fit(data);
            Set<String> afterFirstFit = watch.reportsPerWorker().keySet();
            sparkNet.fit(data);
            watch.flush();

            Set<String> workers = new TreeSet<>(watch.reportsPerWorker().keySet());
            assertEquals(2, workers.size(), "both trainer threads report: " + workers);
            assertEquals(workers, new TreeSet<>(afterFirstFit), "the second fit() reports under the same worker ids");
            // 64 examples x 2 fits at batch 8, shared between the two trainers
            assertEquals(16, received.size(), "one report per minibatch");
            ReportChecks.matchesReference(received, ReferenceRecorder.steps(),
                    p -> p.layer() + "_" + p.parameter());
            ReportChecks.uiListsWorkers("spark-shared", workers);
            watch.close();
            ReportChecks.tensorBoardHasEveryWorker(runDir, received);
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}

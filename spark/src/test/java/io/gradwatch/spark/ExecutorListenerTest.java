package io.gradwatch.spark;

import io.gradwatch.GradWatch;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.listeners.VanillaStatsStorageRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The executor side without Spark: a deserialised listener copy on a plain network and DL4J's buffering router. */
class ExecutorListenerTest {

    private final WorkerSettings settings = WorkerSettings.of(GradWatch.builder().every(2).histogramsEvery(0)
            .sessionId("executor-test").noDiagnosis().parts());

    @AfterEach
    void closeMonitors() {
        ExecutorMonitors.close("executor-test");
    }

    @Test
    void whenIterationIsSampled_thenItsReportIsInTheRouterBeforeTheNextMinibatch() throws Exception {
        ExecutorListener listener = roundTrip(new ExecutorListener(settings)); // as Spark ships it
        VanillaStatsStorageRouter router = new VanillaStatsStorageRouter();
        listener.setStorageRouter(router);
        MultiLayerNetwork net = TestNetworks.mlp(3);
        net.setListeners(listener);
        List<DataSet> batches = TestNetworks.data(5, 40, 12, 3).batchBy(8);
        for (int i = 0; i < batches.size(); i++) {
            net.fit(batches.get(i));
            // DL4J reads the buffer right after a split's last minibatch: nothing may still be in flight
            assertEquals(i / 2 + 1, router.getUpdates().size(), "reports after minibatch " + i);
        }
        List<Long> iterations = router.getUpdates().stream()
                .map(p -> (StepReport) ((ReportRecord) p).payload()).map(StepReport::iteration).toList();
        assertEquals(List.of(0L, 2L, 4L), iterations);
        Persistable info = router.getStaticInfo().iterator().next();
        SessionInfo session = assertInstanceOf(SessionInfo.class, ((ReportRecord) info).payload());
        assertEquals("executor-test", session.sessionId());
        assertEquals("0", session.workerId(), "outside a Spark task and without a DL4J id the worker is 0");
    }

    @Test
    void whenCopiesOfOneWorkerFollowEachOther_thenTheyShareOneMonitor() throws Exception {
        ExecutorListener first = roundTrip(new ExecutorListener(settings));
        ExecutorListener second = roundTrip(new ExecutorListener(settings));
        VanillaStatsStorageRouter r1 = new VanillaStatsStorageRouter();
        VanillaStatsStorageRouter r2 = new VanillaStatsStorageRouter();
        first.setStorageRouter(r1);
        second.setStorageRouter(r2);
        MultiLayerNetwork net = TestNetworks.mlp(3);
        DataSet batch = TestNetworks.data(5, 8, 12, 3);
        net.setListeners(first);
        net.fit(batch);
        net.fit(batch);
        net.setListeners(second); // the next split's copy, with the next split's router
        net.fit(batch);
        assertEquals(1, r1.getUpdates().size());
        assertEquals(1, r2.getUpdates().size(), "the second copy's reports go to its own router");
        assertEquals(2L, ((StepReport) ((ReportRecord) r2.getUpdates().iterator().next()).payload()).iteration());
    }

    private static ExecutorListener roundTrip(ExecutorListener listener) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(listener);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ExecutorListener) in.readObject();
        }
    }
}

package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkFailureTest {

    @Test
    void whenSinkThrows_trainingContinuesOtherSinksReceiveAllAndFailuresAreCounted() {
        AtomicInteger calls = new AtomicInteger();
        ReportSink broken = report -> {
            calls.incrementAndGet();
            throw new IllegalStateException("disk on fire");
        };
        RecordingSink healthy = new RecordingSink();
        MultiLayerNetwork net = TestNetworks.mlp(51);
        GradWatchListener l = GradWatch.builder().every(1).sink(broken).sink(healthy).build();
        net.addListeners(l);
        DataSet data = TestNetworks.data(51, 16, 12, 3);
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        l.close();
        assertEquals(5, calls.get(), "the failing sink is still called every time");
        assertEquals(5, healthy.reports.size());
        StepReport last = healthy.reports.get(4);
        assertEquals(4, last.overhead().sinkFailures(), "failures before this report are counted in it");
        assertTrue(healthy.closed);
    }

    @Test
    void whenOnReportConsumerThrows_listenerStillClosesCleanly() {
        MultiLayerNetwork net = TestNetworks.mlp(52);
        GradWatchListener l = GradWatch.builder().every(1).onReport(r -> {
            throw new RuntimeException("user bug");
        }).build();
        net.addListeners(l);
        net.fit(TestNetworks.data(52, 16, 12, 3));
        l.close();
        l.close(); // idempotent
    }
}

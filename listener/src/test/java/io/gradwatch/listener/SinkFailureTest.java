package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.StderrCapture;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
        StderrCapture err = StderrCapture.start();
        try (err) {
            for (int i = 0; i < 5; i++) {
                net.fit(data);
            }
            l.close();
        }
        assertEquals(5, calls.get(), "the failing sink is still called every time");
        assertEquals(5, healthy.reports.size());
        StepReport last = healthy.reports.get(4);
        assertEquals(4, last.overhead().sinkFailures(), "failures before this report are counted in it");
        assertTrue(healthy.closed);
        assertEquals(1, err.count("failed in publish"), "logged once, then only counted: " + err.text());
        assertTrue(err.text().contains("disk on fire"), "the log carries the cause: " + err.text());
    }

    @Test
    void whenOnReportConsumerThrows_listenerStillClosesCleanly() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        RecordingSink healthy = new RecordingSink();
        ReportSink closeCounter = new ReportSink() {
            @Override
            public void publish(StepReport report) {
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        MultiLayerNetwork net = TestNetworks.mlp(52);
        GradWatchListener l = GradWatch.builder().every(1).onReport(r -> {
            calls.incrementAndGet();
            throw new RuntimeException("user bug");
        }).sink(healthy).sink(closeCounter).build();
        net.addListeners(l);
        DataSet data = TestNetworks.data(52, 16, 12, 3);
        StderrCapture err = StderrCapture.start();
        try (err) {
            for (int i = 0; i < 3; i++) {
                net.fit(data);
            }
            assertDoesNotThrow(l::close);
            assertDoesNotThrow(l::close, "close is idempotent");
        }
        assertEquals(3, calls.get(), "the failing consumer is still called every report");
        assertEquals(3, healthy.reports.size(), "the other sinks received every report");
        assertTrue(healthy.closed);
        assertEquals(1, closes.get(), "two closes of the listener close each sink once");
        assertEquals(1, err.count("io.gradwatch.sink.ConsumerSink failed in publish"), err.text());
        assertTrue(err.text().contains("user bug"), err.text());
    }
}

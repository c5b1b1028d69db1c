package io.gradwatch;

import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gradwatch reports its own cost, and a slow sink slows training visibly instead of losing reports. */
@ExpectedErrorOutput("the default diagnoser's verdicts on a small test network")
class OverheadReportTest {

    @Test
    void everyReport_carriesItsOwnCost() {
        MultiLayerNetwork net = TestNetworks.mlp(61);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(2).sink(sink).build();
        net.addListeners(l);
        DataSet data = TestNetworks.data(61, 16, 12, 3);
        for (int i = 0; i < 8; i++) {
            net.fit(data);
        }
        l.close();
        List<StepReport> reports = sink.reports;
        assertEquals(4, reports.size());
        assertTrue(Double.isNaN(reports.get(0).overhead().overheadFraction()), "no previous report to compare with");
        for (StepReport r : reports) {
            assertTrue(r.overhead().trainingThreadMillis() > 0, "training-thread time measured");
            assertTrue(r.overhead().analysisMillis() > 0, "analysis time measured");
        }
        for (StepReport r : reports.subList(1, reports.size())) {
            double f = r.overhead().overheadFraction();
            assertTrue(f > 0 && f < 1, "share of wall time in gradwatch: " + f);
        }
    }

    @Test
    void whenSinkIsSlow_trainingWaitsAndTheWaitIsReported_noReportIsLost() {
        MultiLayerNetwork net = TestNetworks.mlp(62);
        RecordingSink sink = new RecordingSink();
        Thread trainer = Thread.currentThread();
        GradWatchListener l = GradWatch.builder().every(1).queueCapacity(1).sink(report -> {
            // a sink slower than training: it returns only once training is waiting for the queue (or done)
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (trainer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
        }).sink(sink).build();
        net.addListeners(l);
        DataSet data = TestNetworks.data(62, 16, 12, 3);
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        l.close();
        assertEquals(20, sink.reports.size(), "backpressure, not loss");
        assertTrue(sink.reports.get(19).overhead().backpressureMillis() > 0, "the wait is published");
    }
}

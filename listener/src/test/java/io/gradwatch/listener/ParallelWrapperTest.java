package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under ParallelWrapper each worker gets its own clone, and its reports carry its worker id. */
@ExpectedErrorOutput("DL4J's warning that a RoutingIterationListener runs without a StatsStorage")
class ParallelWrapperTest {

    @Test
    void parallelWrapper_twoWorkers_reportUnderTheirOwnIdsWithUniqueTimestamps() throws Exception {
        MultiLayerNetwork net = TestNetworks.mlp(41);
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(2).sink(sink).build();
        List<DataSet> batches = TestNetworks.data(41, 16 * 24, 12, 3).batchBy(16);
        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(3).build()) {
            wrapper.setListeners(listener);
            wrapper.fit(new ListDataSetIterator<>(batches, 1));
        }
        listener.close();
        Set<String> workers = sink.reports.stream().map(StepReport::workerId).collect(Collectors.toSet());
        assertEquals(2, workers.size(), "reports from both workers, under distinct ids: " + workers);
        assertEquals(workers, sink.sessions.stream().map(SessionInfo::workerId).collect(Collectors.toSet()),
                "each worker announced its session once");
        assertEquals(2, sink.sessions.size());
        long distinctTimestamps = sink.reports.stream().mapToLong(StepReport::timestampMillis).distinct().count();
        assertEquals(sink.reports.size(), distinctTimestamps, "storage keys on timestamps: they must be unique");
        assertTrue(sink.reports.size() >= 20, "most of the 24 batches were reported: " + sink.reports.size());
        for (StepReport r : sink.reports) {
            assertFalse(r.parameters().isEmpty());
            assertEquals(16, r.batchSize());
        }
    }
}

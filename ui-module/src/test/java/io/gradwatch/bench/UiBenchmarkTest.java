package io.gradwatch.bench;

import io.gradwatch.ui.BoundedStatsStorage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link UiBenchmark} at 1,000,000 iterations, prints its numbers and checks the bounds. */
class UiBenchmarkTest {

    @Test
    void oneMillionIterations_stayWithinTheBound_andTheDataEndpointAnswersQuickly() throws Exception {
        UiBenchmark.Result r = UiBenchmark.run(1_000_000, 10);
        UiBenchmark.print(r);
        assertTrue(r.records() <= BoundedStatsStorage.DEFAULT_CAPACITY, "records: " + r.records());
        assertTrue(r.retainedBytes() < 64_000_000L, "retained heap: " + r.retainedBytes());
        assertTrue(UiBenchmark.pct(r.seriesMillis(), 50) < 500, "series median: " + UiBenchmark.pct(r.seriesMillis(), 50));
    }
}

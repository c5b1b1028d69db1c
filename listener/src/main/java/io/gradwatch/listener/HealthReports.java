package io.gradwatch.listener;

import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sink that hands each report to its worker's {@link HealthyState} (or {@link Recovery}, which passes it
 * on): a listener and its ParallelWrapper clones share it; each clone trains a model of its own.
 */
final class HealthReports implements ReportSink {

    private final Map<String, Consumer<StepReport>> byWorker = new ConcurrentHashMap<>();

    void register(String workerId, Consumer<StepReport> receiver) {
        byWorker.put(workerId, receiver);
    }

    @Override
    public void publish(StepReport report) {
        Consumer<StepReport> receiver = byWorker.get(report.workerId());
        if (receiver != null) {
            receiver.accept(report);
        }
    }
}

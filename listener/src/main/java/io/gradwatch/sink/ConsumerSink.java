package io.gradwatch.sink;

import io.gradwatch.report.StepReport;

import java.util.Objects;
import java.util.function.Consumer;

/** Delivers reports to user code. */
final class ConsumerSink implements ReportSink {

    private final Consumer<StepReport> consumer;

    ConsumerSink(Consumer<StepReport> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public void publish(StepReport report) {
        consumer.accept(report);
    }
}

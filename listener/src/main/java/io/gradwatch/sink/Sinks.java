package io.gradwatch.sink;

import io.gradwatch.async.Clock;
import io.gradwatch.report.StepReport;

import java.util.function.Consumer;

/** Factories for the sinks gradwatch ships; the implementations stay package-private. */
public final class Sinks {

    private Sinks() {
    }

    /**
     * Readable lines through SLF4J (logger {@code io.gradwatch}): one block of per-parameter lines
     * at most every {@code intervalMillis}, and a WARN line whenever a verdict starts or ends.
     */
    public static ReportSink log(long intervalMillis) {
        return new LogSink(intervalMillis, Clock.system(), LogSink.defaultOutput());
    }

    /**
     * Only the WARN lines of {@link #log(long)}: one when a verdict starts, one when it ends. gradwatch
     * adds this sink when {@code log()} is not requested, so that a diagnosis is never silent.
     */
    public static ReportSink verdictLog() {
        return new LogSink(LogSink.VERDICTS_ONLY, Clock.system(), LogSink.defaultOutput());
    }

    /** Hands every report to {@code consumer}. */
    public static ReportSink consumer(Consumer<StepReport> consumer) {
        return new ConsumerSink(consumer);
    }

    /**
     * Wraps {@code delegate} so that nothing it throws escapes: the first failure is logged with its
     * stack trace, later ones are only counted ({@link GuardedSink#failures()}).
     */
    public static GuardedSink guarded(ReportSink delegate) {
        return new GuardedSink(delegate);
    }
}

package io.gradwatch.testing;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that remembers everything it received, for assertions. */
public final class RecordingSink implements ReportSink {

    public final List<SessionInfo> sessions = new CopyOnWriteArrayList<>();
    public final List<StepReport> reports = new CopyOnWriteArrayList<>();
    public volatile int flushes;
    public volatile boolean closed;

    @Override
    public void start(SessionInfo session) {
        sessions.add(session);
    }

    @Override
    public void publish(StepReport report) {
        reports.add(report);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }
}

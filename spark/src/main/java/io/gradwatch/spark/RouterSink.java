package io.gradwatch.spark;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * The executor's only sink: hands each worker's session and reports, as {@link ReportRecord}s, to the
 * StatsStorageRouter DL4J gave the listener of the task now running (a fresh buffering router per
 * split under ParameterAveragingTrainingMaster, the driver's router under SharedTrainingMaster).
 */
final class RouterSink implements ReportSink {

    private volatile StatsStorageRouter router;

    void route(StatsStorageRouter current) {
        this.router = current;
    }

    @Override
    public void start(SessionInfo session) {
        StatsStorageRouter r = router;
        if (r != null) {
            r.putStaticInfo(ReportRecord.of(session));
        }
    }

    @Override
    public void publish(StepReport report) {
        StatsStorageRouter r = router;
        if (r != null) {
            r.putUpdate(ReportRecord.of(report));
        }
    }
}

package io.gradwatch.publish;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.diagnosis.Diagnosers;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.GuardedSink;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.Sinks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The last step of every way of training: each worker's reports are diagnosed over that worker's own series,
 * then handed to every sink, each behind a {@link GuardedSink}. Used by the local listener's analysis thread and
 * by the Spark driver, both through a {@link PublishingThread}, which confines it to one thread.
 */
public final class Publisher {

    /** One worker's session and the diagnoser that has seen its reports so far. */
    private record Worker(String sessionId, Diagnoser diagnoser) {
    }

    private final List<GuardedSink> sinks;
    private final Supplier<? extends Diagnoser> diagnoserFactory;
    private final Map<String, Worker> workers = new LinkedHashMap<>(); // in the order their sessions arrived
    private final Map<String, Long> reportsPerWorker = new ConcurrentSkipListMap<>(); // read from any thread

    public Publisher(List<ReportSink> sinks, Supplier<? extends Diagnoser> diagnoserFactory) {
        this.sinks = sinks.stream().map(Sinks::guarded).toList();
        this.diagnoserFactory = diagnoserFactory;
    }

    /**
     * A worker's session: the sinks hear of each session of each worker once (a Spark worker sends it with every
     * task); a new session of a worker starts its diagnosis afresh.
     */
    public void start(SessionInfo session) {
        Worker known = workers.get(session.workerId());
        if (known != null && known.sessionId().equals(session.sessionId())) {
            return;
        }
        Diagnoser diagnoser = Diagnosers.guarded(diagnoserFactory);
        diagnoser.start(session); // the output layer's loss: the chance level learning is judged against
        workers.put(session.workerId(), new Worker(session.sessionId(), diagnoser));
        reportsPerWorker.putIfAbsent(session.workerId(), 0L);
        sinks.forEach(s -> s.start(session));
    }

    /** Diagnoses {@code report} over its worker's series, then hands it to every sink. */
    public void publish(StepReport report) {
        Worker worker = workers.get(report.workerId());
        if (worker == null) {
            // a session always precedes its worker's reports; keep the report even so
            worker = new Worker(report.sessionId(), Diagnosers.guarded(diagnoserFactory));
            workers.put(report.workerId(), worker);
        }
        StepReport diagnosed = report.withDiagnosis(worker.diagnoser().assess(report));
        reportsPerWorker.merge(report.workerId(), 1L, Long::sum);
        for (GuardedSink sink : sinks) {
            sink.publish(diagnosed);
        }
    }

    /** A number of the program's own: to its worker's diagnosis (an accuracy weighs on "not learning"), then the sinks. */
    public void metric(UserMetric metric) {
        Worker worker = workers.get(metric.workerId());
        if (worker != null) {
            worker.diagnoser().metric(metric);
        }
        sinks.forEach(s -> s.metric(metric));
    }

    /** Something recover() did, to every sink. */
    public void recovery(io.gradwatch.report.RecoveryEvent event) {
        sinks.forEach(s -> s.recovery(event));
    }

    public void flush() {
        sinks.forEach(GuardedSink::flush);
    }

    public void close() {
        sinks.forEach(GuardedSink::close);
    }

    /** The session of {@code workerId}'s latest start, or {@code otherwise}. */
    public String sessionOf(String workerId, String otherwise) {
        Worker worker = workers.get(workerId);
        return worker == null ? otherwise : worker.sessionId();
    }

    /** The worker whose session arrived first, or null. */
    public String firstWorker() {
        return workers.isEmpty() ? null : workers.keySet().iterator().next();
    }

    /** Reports published so far per worker id, sorted; safe to read from any thread. */
    public Map<String, Long> reportsPerWorker() {
        return Map.copyOf(reportsPerWorker);
    }

    /** How many sink calls threw so far, over all sinks. */
    public long sinkFailures() {
        long total = 0;
        for (GuardedSink s : sinks) {
            total += s.failures();
        }
        return total;
    }
}

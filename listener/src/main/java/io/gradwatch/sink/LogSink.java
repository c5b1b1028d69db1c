package io.gradwatch.sink;

import io.gradwatch.async.Clock;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lines in the spirit of the vanishing-gradient tutorial, e.g.
 * {@code Iteration 120 layer0/W gradient rms 5.1907e-07 update:weight 1.2000e-04},
 * throttled to one block per interval so a person can read them. Verdict events always print (see
 * {@link VerdictLines}): warnings at WARN, notes at INFO; at close, one summary per run of what is still wrong.
 */
final class LogSink implements ReportSink {

    /** Where lines go: INFO for statistics and notes, WARN for warnings. A seam for tests. */
    interface Output {
        void info(String line);

        void warn(String line);
    }

    /** An interval that prints verdict changes only, never statistics. */
    static final long VERDICTS_ONLY = -1;

    private final long intervalMillis;
    private final Clock clock;
    private final Output out;
    private long lastBlockMillis = Long.MIN_VALUE;
    private boolean headerPrinted;
    /** The last report of each run (and worker), for the summary at close. */
    private final Map<String, StepReport> last = new LinkedHashMap<>();

    LogSink(long intervalMillis, Clock clock, Output out) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.out = out;
    }

    static Output defaultOutput() {
        Logger log = LoggerFactory.getLogger("io.gradwatch");
        return new Output() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                Terminal.warn(log, line);
            }
        };
    }

    @Override
    public void publish(StepReport report) {
        for (VerdictLines.Line line : VerdictLines.events(report.iteration(), report.diagnosis())) {
            emit(line);
        }
        last.put(report.sessionId() + (report.workerId().equals("0") ? "" : " worker " + report.workerId()), report);
        if (intervalMillis == VERDICTS_ONLY) {
            return;
        }
        long now = clock.nanoTime() / 1_000_000;
        if (lastBlockMillis != Long.MIN_VALUE && now - lastBlockMillis < intervalMillis) {
            return;
        }
        lastBlockMillis = now;
        if (!headerPrinted) {
            headerPrinted = true;
            out.info("gradwatch reports the " + report.gradientScale().description()
                    + "; update:weight = rms(update) / rms(weights)");
        }
        for (ParameterReport p : report.parameters()) {
            out.info(line(report.iteration(), p));
        }
    }

    /** One summary per run (and worker) of what is still wrong at its last report. */
    @Override
    public void close() {
        for (Map.Entry<String, StepReport> e : last.entrySet()) {
            emit(VerdictLines.summary(e.getKey(), e.getValue().iteration(), e.getValue().diagnosis().active()));
        }
        last.clear();
    }

    private void emit(VerdictLines.Line line) {
        if (line.warn()) {
            out.warn(line.text());
        } else {
            out.info(line.text());
        }
    }

    static String line(long iteration, ParameterReport p) {
        StringBuilder s = new StringBuilder(96);
        s.append("Iteration ").append(iteration).append(' ').append(p.name())
                .append(" gradient rms ").append(format(p.gradient().rms()));
        if (p.update() != null) {
            s.append(" update:weight ").append(format(p.updateRatio()));
        }
        if (p.gradient().hasNonFinite()) {
            s.append(" NaN ").append(p.gradient().nanCount()).append(" Inf ").append(p.gradient().infCount());
        }
        return s.toString();
    }

    /** Scientific notation with five significant digits; NaN and infinities spelled out. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }
}

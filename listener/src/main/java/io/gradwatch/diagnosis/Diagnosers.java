package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Factories for the diagnosers gradwatch ships. */
public final class Diagnosers {

    private Diagnosers() {
    }

    /** The standard rules with their {@linkplain DiagnosisThresholds#defaults() default thresholds}. */
    public static Diagnoser standard() {
        return standard(DiagnosisThresholds.defaults());
    }

    /** The standard rules with {@code thresholds}. */
    public static Diagnoser standard(DiagnosisThresholds thresholds) {
        return new StandardDiagnoser(thresholds);
    }

    /**
     * A diagnoser made by {@code factory} that can never fail a report: if the factory or
     * {@code assess} throws, the first failure is logged, the report keeps the verdicts in force
     * before it (without start or end events), and training and publishing go on.
     */
    public static Diagnoser guarded(Supplier<? extends Diagnoser> factory) {
        Objects.requireNonNull(factory, "factory must not be null");
        Diagnoser delegate;
        try {
            delegate = Objects.requireNonNull(factory.get(), "the diagnoser factory returned null");
        } catch (RuntimeException e) {
            Guarded.LOG.error("gradwatch: could not create the diagnoser; diagnosis is off for this worker", e);
            delegate = Diagnoser.disabled();
        }
        return new Guarded(delegate);
    }

    private static final class Guarded implements Diagnoser {
        private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

        private final Diagnoser delegate;
        private Diagnosis last = Diagnosis.none();
        private long failures;

        Guarded(Diagnoser delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start(SessionInfo session) {
            try {
                delegate.start(session);
            } catch (RuntimeException e) {
                failed("the start of session " + session.sessionId(), e);
            }
        }

        @Override
        public void metric(UserMetric metric) {
            try {
                delegate.metric(metric);
            } catch (RuntimeException e) {
                failed("metric " + metric.name(), e);
            }
        }

        private void failed(String what, RuntimeException e) {
            if (failures++ == 0) {
                LOG.error("gradwatch: the diagnoser failed at " + what + "; reports go on (further failures are "
                        + "counted, not logged)", e);
            }
        }

        @Override
        public Diagnosis assess(StepReport report) {
            try {
                Diagnosis d = delegate.assess(report);
                last = d == null ? Diagnosis.none() : d;
                return last;
            } catch (RuntimeException e) {
                if (failures++ == 0) {
                    LOG.error("gradwatch: the diagnoser failed at iteration " + report.iteration()
                            + "; reports go on with the verdicts in force before it (further failures are counted, "
                            + "not logged)", e);
                }
                return new Diagnosis(last.active(), List.of(), List.of());
            }
        }
    }
}

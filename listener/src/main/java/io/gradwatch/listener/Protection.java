package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.RecoveryPolicy;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.nn.api.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a listener does around the updater when halting or recovery is on (one per listener instance; each
 * ParallelWrapper clone has its own, for its own model): {@link Recovery} if asked for, else {@link Halting}
 * with the {@link HealthyState} it saves. Off, it costs a null check per callback.
 */
final class Protection {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final Halting halting;
    private final HealthReports reports;
    private final HealthyState healthy;
    private final Recovery recovery;
    private final RecoveryEvents events;
    private boolean recoveryFailed;

    Protection(Halting halting, HealthReports reports, RecoveryPolicy policy,
               List<Consumer<RecoveryEvent>> onRecovery, GradWatchConfig config, ReportPipeline pipeline) {
        this.halting = halting;
        this.reports = reports;
        this.healthy = halting.enabled() || policy != null
                ? new HealthyState(config, (policy != null ? policy : RecoveryPolicy.defaults()).snapshotEvery()) : null;
        this.events = new RecoveryEvents(onRecovery, pipeline::recovery);
        this.recovery = policy == null ? null
                : new Recovery(policy, healthy, events, halting.checkpoint(), pipeline::latestSessionId);
    }

    /** The listener's sinks, plus the halting and certification sinks when either is on. */
    static List<ReportSink> withSinks(List<ReportSink> sinks, Halting halting, HealthReports reports,
                                      RecoveryPolicy policy) {
        if (!halting.enabled() && policy == null) {
            return sinks;
        }
        List<ReportSink> all = new ArrayList<>(sinks);
        all.add(halting);
        all.add(reports);
        return all;
    }

    boolean recovers() {
        return recovery != null;
    }

    /** Routes the reports of {@code workerId} to this instance's healthy state. */
    void register(String workerId) {
        if (recovery != null) {
            reports.register(workerId, recovery::report);
        } else if (healthy != null) {
            reports.register(workerId, healthy::report);
        }
    }

    /** At onGradientCalculation, before the updater: whether this step's update will be undone (not reported). */
    boolean beforeUpdate(Model model, String workerId) {
        if (recovery != null) {
            return guarded(() -> recovery.beforeUpdate(model, workerId));
        }
        if (healthy != null) {
            halting.checkGradient(model, healthy);
        }
        return false;
    }

    /** At iterationDone, after the updater. */
    void afterUpdate(Model model, int iteration, int epoch, String workerId) {
        if (recovery != null) {
            guarded(() -> {
                recovery.afterUpdate(model, iteration, epoch, workerId);
                return false;
            });
        }
        checkPending(model);
    }

    /** At any training-thread callback: a halt the analysis thread asked for (haltOnExploding). */
    void checkPending(Model model) {
        if (healthy != null && recovery == null) {
            halting.checkPending(model, healthy);
        }
    }

    List<RecoveryEvent> recoveries() {
        return events.all();
    }

    /** Runs a recovery step; an internal failure is logged once and training goes on (a halt passes through). */
    private boolean guarded(BooleanSupplier step) {
        try {
            return step.getAsBoolean();
        } catch (TrainingHaltedException halt) {
            throw halt;
        } catch (RuntimeException e) {
            if (!recoveryFailed) {
                recoveryFailed = true;
                LOG.error("gradwatch: recovery failed internally; training goes on without it for this step "
                        + "(later failures are not logged)", e);
            }
            return false;
        }
    }
}

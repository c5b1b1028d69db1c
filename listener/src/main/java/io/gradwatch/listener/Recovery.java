package io.gradwatch.listener;

import io.gradwatch.RecoveryPolicy;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code recover()} on the training thread of one MultiLayerNetwork or ComputationGraph. At
 * onGradientCalculation (before the updater) every step is judged from its total gradient norm and its
 * loss against a {@link StepWindow}; a healthy step pays for that one pass only. A bad step is let through
 * the updater and undone at iterationDone, from copies taken for that step alone:
 * <ul>
 *   <li>skip: parameters, updater state and iteration count (Adam's bias correction reads it) as before,
 *       so the model is exactly as if the batch had never been seen;</li>
 *   <li>roll back, when skipping is not enough (the parameters hold NaN/Inf, {@code rollbackAfterSkips}
 *       skips among the last twice as many batches, or an exploding-gradient or NaN/Inf warning starts):
 *       the state {@link HealthyState} certified, every learning rate times {@code learningRateFactor};</li>
 *   <li>halt, when the roll-backs are used up or there is nothing to go back to: the best state is put
 *       into the model (and saved if a path was given) and {@link TrainingHaltedException} leaves fit.</li>
 * </ul>
 * Each action is a {@link RecoveryEvent}. The iteration count keeps counting through roll-backs, so that
 * every series stays monotonic.
 */
final class Recovery {

    /** The start of the message for a training setup recover() cannot protect; the setup's name follows. */
    static final String UNSUPPORTED = "recover() works with MultiLayerNetwork and ComputationGraph trained with fit "
            + "(also under EarlyStoppingTrainer) in one JVM; drop recover() (haltOnNonFinite still works) to train with";

    private enum Plan { SKIP, ROLL_BACK }

    private final RecoveryPolicy policy;
    private final HealthyState healthy;
    private final StepWindow window;
    private final LearningRates rates = new LearningRates();
    private final RecoveryEvents events;
    private final Path checkpoint;
    private final Supplier<String> sessionId;
    private final ArrayDeque<Long> skips = new ArrayDeque<>();
    private long batches;
    private int rollbacks;
    private double scale = 1;
    private double lastAcceptedLoss = Double.NaN;
    private volatile long lastRollbackIteration = -1;
    private volatile Verdict verdict;
    private Plan plan;
    private ModelState stash;
    private String reason;
    private double norm;
    private double loss;

    Recovery(RecoveryPolicy policy, HealthyState healthy, RecoveryEvents events, Path checkpoint,
             Supplier<String> sessionId) {
        this.policy = policy;
        this.healthy = healthy;
        this.window = new StepWindow(policy.window(), policy.warmup(), policy.sigmas(), policy.spikeRatio());
        this.events = events;
        this.checkpoint = checkpoint;
        this.sessionId = sessionId;
    }

    /** At onGradientCalculation: whether this step's update will be undone (then gradwatch does not report it). */
    boolean beforeUpdate(Model model, String workerId) {
        dropStash();
        plan = null;
        batches++;
        long iteration = BaseOptimizer.getIterationCount(model);
        norm = GradientNorm.of(flattenedGradients(model));
        loss = model.score();
        String bad = window.judge(norm, loss);
        Verdict warning = verdict;
        if (bad == null && warning == null) {
            window.accept(norm, loss);
            lastAcceptedLoss = loss;
            healthy.offer(model, iteration, loss);
            return false;
        }
        if (bad == null) {
            verdict = null;
            reason = "warning: " + warning.message();
            plan = Plan.ROLL_BACK;
        } else if (!Double.isFinite(norm) && !NonFiniteScan.allFinite(model.params())) {
            reason = bad + "; the parameters themselves hold NaN or Inf";
            plan = Plan.ROLL_BACK;
        } else if (skipsWithThisOne() >= policy.rollbackAfterSkips()) {
            reason = bad + "; " + policy.rollbackAfterSkips() + " skips among the last "
                    + 2 * policy.rollbackAfterSkips() + " batches: skipping does not help";
            plan = Plan.ROLL_BACK;
        } else {
            reason = bad;
            stash = ModelState.of(model, iteration, loss); // before the plan: without a copy there is no skip
            plan = Plan.SKIP;
        }
        if (plan == Plan.ROLL_BACK && (rollbacks >= policy.maxRollbacks() || healthy.best() == null)) {
            halt(model, iteration, workerId);
        }
        return true;
    }

    /** At iterationDone: undoes the update of a step judged bad. */
    void afterUpdate(Model model, int iteration, int epoch, String workerId) {
        Plan p = plan;
        plan = null;
        if (p == Plan.SKIP) {
            stash.restoreInto(model);
            dropStash();
            skips.addLast(batches);
            BaseOptimizer.incrementIterationCount(model, -1); // DL4J adds the 1 back right after this callback
            if (!Double.isNaN(lastAcceptedLoss)) {
                setScore(model, lastAcceptedLoss);
            }
            publish(iteration, epoch, workerId, RecoveryEvent.Action.SKIPPED, reason + ": batch skipped", -1);
        } else if (p == Plan.ROLL_BACK) {
            ModelState target = healthy.best();
            target.restoreInto(model);
            String words = healthy.isCertified(target) ? "the state certified healthy at iteration "
                    + target.iteration() : "the earliest state kept, iteration " + target.iteration()
                    + " (none certified yet)";
            healthy.dropCandidate();
            rollbacks++;
            scale *= policy.learningRateFactor();
            rates.scale(model, scale);
            skips.clear();
            lastRollbackIteration = iteration;
            publish(iteration, epoch, workerId, RecoveryEvent.Action.ROLLED_BACK, String.format(Locale.ROOT,
                    "%s: rolled back to %s, learning rate x%s (now x%s of the configured one); roll-back %d of %d",
                    reason, words, policy.learningRateFactor(), scale, rollbacks, policy.maxRollbacks()),
                    target.iteration());
        }
    }

    /**
     * Analysis thread: an exploding-gradient or NaN/Inf warning that starts after the last roll-back asks for
     * one (acted on at the next step).
     */
    void report(StepReport report) {
        healthy.report(report);
        for (Verdict v : report.diagnosis().started()) {
            boolean damaging = v.problem() == Verdict.Problem.EXPLODING_GRADIENT
                    || v.problem() == Verdict.Problem.NON_FINITE;
            if (damaging && v.severity() == Verdict.Severity.WARNING && v.firstIteration() > lastRollbackIteration) {
                verdict = v;
                return;
            }
        }
    }

    private void halt(Model model, long iteration, String workerId) {
        String why = reason + (rollbacks >= policy.maxRollbacks()
                ? "; all " + policy.maxRollbacks() + " roll-backs used up" : "; nothing to roll back to");
        rates.restoreConfigured();
        HealthyState.Held held = healthy.restoreBestAndSave(model, iteration, checkpoint);
        publish(iteration, BaseOptimizer.getEpochCount(model), workerId, RecoveryEvent.Action.HALTED,
                why + ": training stops with " + held.words(), held.iteration());
        throw new TrainingHaltedException(iteration, "all layers", why, checkpoint, held.iteration(), held.words());
    }

    /** Skips among the last {@code 2 x rollbackAfterSkips} batches, this one included. */
    private int skipsWithThisOne() {
        while (!skips.isEmpty() && skips.peekFirst() <= batches - 2L * policy.rollbackAfterSkips()) {
            skips.removeFirst();
        }
        return skips.size() + 1;
    }

    private void publish(long iteration, int epoch, String workerId, RecoveryEvent.Action action, String words,
                         long restored) {
        events.publish(new RecoveryEvent(sessionId.get(), workerId, iteration, epoch, System.currentTimeMillis(),
                action, words, Double.isFinite(norm) ? norm : Double.NaN, Double.isFinite(loss) ? loss : Double.NaN,
                restored, scale));
    }

    private void dropStash() {
        if (stash != null) {
            stash.release();
            stash = null;
        }
    }

    private static void setScore(Model model, double score) {
        if (model instanceof MultiLayerNetwork net) {
            net.setScore(score);
        } else if (model instanceof ComputationGraph graph) {
            graph.setScore(score);
        }
    }

    static org.nd4j.linalg.api.ndarray.INDArray flattenedGradients(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getFlattenedGradients();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getFlattenedGradients();
        }
        throw new IllegalStateException(UNSUPPORTED + " " + model.getClass().getName());
    }
}

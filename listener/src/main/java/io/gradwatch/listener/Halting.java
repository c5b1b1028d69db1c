package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.HaltPolicy;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Protect, then stop. On the training thread at onGradientCalculation (before the updater applies the
 * gradient), a non-finite gradient makes it put the last state certified healthy back into the model
 * ({@link HealthyState}), save it, and throw {@link TrainingHaltedException} out of {@code fit}. An
 * exploding-gradient verdict, found on the analysis thread, is noted here (as a sink) and acted on at the
 * next training-thread callback. Shared by a listener and its ParallelWrapper clones; each clone passes
 * the healthy state of its own model.
 */
final class Halting implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final HaltPolicy policy;
    private final GradWatchConfig config;
    private volatile Verdict exploding;

    Halting(HaltPolicy policy, GradWatchConfig config) {
        this.policy = policy;
        this.config = config;
    }

    boolean enabled() {
        return policy.any();
    }

    /** Where a halt saves the model: the non-finite checkpoint, else the exploding one, else null. */
    Path checkpoint() {
        return policy.onNonFinite() != null ? policy.onNonFinite() : policy.onExploding();
    }

    /**
     * At onGradientCalculation: the gradient DL4J is about to apply, then any pending exploding verdict; a
     * healthy step is offered to {@code healthy} as a candidate.
     */
    void checkGradient(Model model, HealthyState healthy) {
        if (policy.onNonFinite() != null) {
            INDArray flat = model instanceof MultiLayerNetwork n ? n.getFlattenedGradients()
                    : ((ComputationGraph) model).getFlattenedGradients();
            if (!NonFiniteScan.allFinite(flat)) {
                String layer = firstNonFiniteLayer(model, flat);
                halt(model, healthy, policy.onNonFinite(), layer, "non-finite gradient in " + layer
                        + " (NaN or Inf), detected before the updater applied it; loss " + model.score());
            }
        }
        checkPending(model, healthy);
        healthy.offer(model, BaseOptimizer.getIterationCount(model), model.score());
    }

    /** At any training-thread callback: halts if the analysis thread found an exploding gradient. */
    void checkPending(Model model, HealthyState healthy) {
        Verdict v = exploding;
        if (v != null && policy.onExploding() != null) {
            exploding = null;
            halt(model, healthy, policy.onExploding(), v.layer(), "exploding gradient: " + v.message());
        }
    }

    /**
     * Sink side, on the analysis thread: notes the first exploding-gradient verdict in force at warning
     * severity (a note, on a run whose loss still falls, does not stop it; one that becomes a warning does).
     */
    @Override
    public void publish(StepReport report) {
        if (policy.onExploding() == null || exploding != null) {
            return;
        }
        for (Verdict v : report.diagnosis().active()) {
            if (v.problem() == Verdict.Problem.EXPLODING_GRADIENT && v.severity() == Verdict.Severity.WARNING) {
                exploding = v;
                return;
            }
        }
    }

    @Override
    public void close() {
        // nothing to release
    }

    private static void halt(Model model, HealthyState healthy, Path checkpoint, String layer, String reason) {
        long iteration = BaseOptimizer.getIterationCount(model);
        HealthyState.Held held = healthy.restoreBestAndSave(model, iteration, checkpoint);
        LOG.error("gradwatch halts training at iteration {}: {}. Saved in {}: {}", iteration, reason, checkpoint,
                held.words());
        throw new TrainingHaltedException(iteration, layer, reason, checkpoint, held.iteration(), held.words());
    }

    /** The layer nearest the output whose gradient holds a non-finite value (only worked out when halting). */
    private String firstNonFiniteLayer(Model model, INDArray flat) {
        float[] values = new float[Math.toIntExact(flat.length())];
        ArrayCopy.copy(flat, values, 0);
        List<ModelLayout.Segment> segments = ModelLayout.of(model, config).segments().stream()
                .sorted(Comparator.comparingInt(ModelLayout.Segment::layerIndex).reversed()).toList();
        for (ModelLayout.Segment s : segments) {
            for (int i = s.offset(); i < s.offset() + s.length(); i++) {
                if (!Float.isFinite(values[i])) {
                    return s.layer();
                }
            }
        }
        return "unknown layer";
    }
}

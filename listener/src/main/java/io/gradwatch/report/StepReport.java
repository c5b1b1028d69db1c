package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything gradwatch measured at one iteration of one worker, as an immutable value handed to
 * every sink. Built on gradwatch's analysis thread, never on the training thread.
 *
 * @param sessionId         the session (one training run) this report belongs to
 * @param workerId          the worker that trained this iteration ("0" outside ParallelWrapper)
 * @param iteration         DL4J's iteration count at this step
 * @param epoch             DL4J's epoch count at this step
 * @param timestampMillis   wall-clock time of the step, unique and increasing within a worker
 * @param loss              the score DL4J computed for this minibatch (NaN if it was NaN)
 * @param batchSize         minibatch size of this step
 * @param gradientScale     which gradient {@link #parameters()}' gradient statistics describe
 * @param gradientTotalNorm L2 norm of the whole gradient over every parameter (monitored or not)
 * @param parameters        one entry per monitored parameter, in network order
 * @param activations       one entry per monitored layer output, in network order; empty if not captured
 * @param histograms        whether this step carries histograms
 * @param overhead          what gradwatch cost for this step
 * @param diagnosis         verdicts in force after this step
 */
public record StepReport(String sessionId, String workerId, long iteration, int epoch, long timestampMillis,
                         double loss, int batchSize, GradientScale gradientScale, double gradientTotalNorm,
                         List<ParameterReport> parameters, List<ActivationReport> activations,
                         boolean histograms, Overhead overhead, Diagnosis diagnosis) implements Serializable {

    public StepReport {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(gradientScale, "gradientScale");
        Objects.requireNonNull(overhead, "overhead");
        Objects.requireNonNull(diagnosis, "diagnosis");
        parameters = List.copyOf(parameters);
        activations = List.copyOf(activations);
    }

    /** The same report with a diagnosis attached. */
    public StepReport withDiagnosis(Diagnosis newDiagnosis) {
        return new StepReport(sessionId, workerId, iteration, epoch, timestampMillis, loss, batchSize,
                gradientScale, gradientTotalNorm, parameters, activations, histograms, overhead, newDiagnosis);
    }

    /** The report for parameter "layer/param", or null. */
    public ParameterReport parameter(String layer, String parameter) {
        for (ParameterReport p : parameters) {
            if (p.layer().equals(layer) && p.parameter().equals(parameter)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Every per-layer number of this report under its canonical key, in a stable order. Sinks that
     * publish flat series (TensorBoard scalars, logs) iterate this instead of the record structure.
     * Report-level values (loss, total norm, overhead) are not included; they have their own accessors.
     */
    public List<Scalar> scalars() {
        List<Scalar> out = new ArrayList<>();
        for (ParameterReport p : parameters) {
            ParameterId id = p.id();
            addStats(out, Kind.GRADIENTS, id, p.gradient());
            if (p.update() != null) {
                addStats(out, Kind.UPDATES, id, p.update());
                out.add(new Scalar(SeriesKey.of(Kind.UPDATES, id, Statistic.RATIO), p.updateRatio()));
            }
            if (p.weights() != null) {
                addStats(out, Kind.WEIGHTS, id, p.weights());
            }
        }
        for (ActivationReport a : activations) {
            ParameterId id = new ParameterId(a.layer(), null);
            addStats(out, Kind.ACTIVATIONS, id, a.stats());
            if (!Double.isNaN(a.deadFraction())) {
                out.add(new Scalar(SeriesKey.of(Kind.ACTIVATIONS, id, Statistic.DEAD_FRACTION), a.deadFraction()));
            }
            if (!Double.isNaN(a.saturatedFraction())) {
                out.add(new Scalar(SeriesKey.of(Kind.ACTIVATIONS, id, Statistic.SATURATED_FRACTION),
                        a.saturatedFraction()));
            }
        }
        return out;
    }

    /** Every statistic that summarises an array of {@code kind}, in {@link Statistic}'s order. */
    private static void addStats(List<Scalar> out, Kind kind, ParameterId id, ArrayStats s) {
        for (Statistic statistic : Statistic.values()) {
            if (statistic.summarises(kind)) {
                out.add(new Scalar(SeriesKey.of(kind, id, statistic), statistic.of(s)));
            }
        }
    }
}

package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;

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
                         boolean histograms, Overhead overhead, Diagnosis diagnosis) implements java.io.Serializable {

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
            addStats(out, Kind.GRADIENTS, p.layer(), p.parameter(), p.gradient(), true);
            if (p.update() != null) {
                addStats(out, Kind.UPDATES, p.layer(), p.parameter(), p.update(), false);
                out.add(new Scalar(new SeriesKey(Kind.UPDATES, p.layer(), p.parameter(), Statistic.RATIO), p.updateRatio()));
            }
            if (p.weights() != null) {
                addStats(out, Kind.WEIGHTS, p.layer(), p.parameter(), p.weights(), false);
            }
        }
        for (ActivationReport a : activations) {
            addStats(out, Kind.ACTIVATIONS, a.layer(), null, a.stats(), false);
            if (!Double.isNaN(a.deadFraction())) {
                out.add(new Scalar(new SeriesKey(Kind.ACTIVATIONS, a.layer(), null, Statistic.DEAD_FRACTION), a.deadFraction()));
            }
            if (!Double.isNaN(a.saturatedFraction())) {
                out.add(new Scalar(new SeriesKey(Kind.ACTIVATIONS, a.layer(), null, Statistic.SATURATED_FRACTION),
                        a.saturatedFraction()));
            }
        }
        return out;
    }

    private static void addStats(List<Scalar> out, Kind kind, String layer, String param, ArrayStats s,
                                 boolean full) {
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.L2), s.l2()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.RMS), s.rms()));
        if (full) {
            out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.MEAN_ABS), s.meanAbs()));
            out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.MAX_ABS), s.maxAbs()));
            out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.ZERO_FRACTION), s.zeroFraction()));
        }
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.MEAN), s.mean()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.STD), s.std()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.MIN), s.min()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.MAX), s.max()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.NAN_COUNT), s.nanCount()));
        out.add(new Scalar(new SeriesKey(kind, layer, param, Statistic.INF_COUNT), s.infCount()));
    }
}

package io.gradwatch.test;

import io.gradwatch.GradWatch;
import io.gradwatch.diagnosis.DiagnosisThresholds;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What gradwatch saw while a model trained for a few iterations, for a model's unit test:
 * <pre>{@code
 * GradientHealth.train(net, trainingData, 30)
 *         .assertNoWarning()
 *         .assertGradientWithinDecadesOfOutput("layer0/W", 3);
 * }</pre>
 * Every iteration is measured ({@code every(1)}), without UI or TensorBoard, and the listener is removed again.
 * A failed assertion says what gradwatch saw, in the verdicts' words.
 */
public final class GradientHealth {

    private final List<StepReport> reports;
    private final int windowReports;

    private GradientHealth(List<StepReport> reports, int windowReports) {
        this.reports = List.copyOf(reports);
        this.windowReports = windowReports;
    }

    /** Trains {@code model} (a MultiLayerNetwork or ComputationGraph) for {@code iterations} minibatches. */
    public static GradientHealth train(Model model, DataSetIterator data, int iterations) {
        return train(model, data, iterations, DiagnosisThresholds.defaults());
    }

    /** Like {@link #train(Model, DataSetIterator, int)}, diagnosing with {@code thresholds} (a shorter window, ...). */
    public static GradientHealth train(Model model, DataSetIterator data, int iterations,
                                       DiagnosisThresholds thresholds) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("GradientHealth.train: a MultiLayerNetwork or ComputationGraph, not "
                    + model.getClass().getName());
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("GradientHealth.train: iterations must be at least 1, got " + iterations);
        }
        List<StepReport> seen = Collections.synchronizedList(new ArrayList<>());
        GradWatchListener listener = GradWatch.builder().every(1).diagnosis(thresholds).onReport(seen::add).build();
        Collection<TrainingListener> before = new ArrayList<>(model instanceof MultiLayerNetwork net
                ? net.getListeners() : ((ComputationGraph) model).getListeners());
        model.addListeners(listener);
        try {
            for (int i = 0; i < iterations; i++) {
                if (!data.hasNext()) {
                    data.reset();
                }
                DataSet batch = data.next();
                if (model instanceof MultiLayerNetwork net) {
                    net.fit(batch);
                } else {
                    ((ComputationGraph) model).fit(batch);
                }
            }
        } finally {
            listener.close();
            model.setListeners(before);
        }
        return new GradientHealth(seen, thresholds.windowReports());
    }

    /** Every report, in order (one per iteration). */
    public List<StepReport> reports() {
        return reports;
    }

    /** Every verdict that started during the training, in order. */
    public List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        reports.forEach(r -> out.addAll(r.diagnosis().started()));
        return out;
    }

    /** Fails, quoting each one, if gradwatch gave a WARNING; also if it saw too few iterations to judge. */
    public GradientHealth assertNoWarning() {
        requireAFullWindow("assertNoWarning");
        List<String> warnings = new ArrayList<>();
        for (StepReport r : reports) {
            for (Verdict v : r.diagnosis().started()) {
                if (v.severity() == Verdict.Severity.WARNING) {
                    warnings.add("  iteration " + r.iteration() + ": " + v.message());
                }
            }
        }
        if (!warnings.isEmpty()) {
            fail("gradwatch warned during " + reports.size() + " iterations:\n" + String.join("\n", warnings));
        }
        return this;
    }

    /**
     * Fails if the gradient RMS of {@code parameter} (e.g. "layer0/W"; the median over the iterations) lies more
     * than {@code decades} decades below the output layer's weight gradient RMS: a vanishing gradient.
     */
    public GradientHealth assertGradientWithinDecadesOfOutput(String parameter, double decades) {
        requireAFullWindow("assertGradientWithinDecadesOfOutput");
        List<Double> below = new ArrayList<>();
        List<Double> rms = new ArrayList<>();
        ParameterReport output = null;
        for (StepReport r : reports) {
            output = outputWeights(r);
            ParameterReport p = find(r, parameter);
            below.add(Math.log10(output.gradient().rms()) - Math.log10(p.gradient().rms()));
            rms.add(p.gradient().rms());
        }
        double median = median(below);
        if (!(median <= decades)) {
            fail(String.format(Locale.ROOT, "%s: gradient RMS %.1e is %.1f decades below the output layer %s "
                            + "(median of %d iterations; the test allows %.1f): %s", parameter, median(rms), median,
                    output.name(), reports.size(), decades, Verdict.Problem.VANISHING_GRADIENT.words()));
        }
        return this;
    }

    private void requireAFullWindow(String assertion) {
        if (reports.size() < windowReports) {
            fail(assertion + ": gradwatch saw " + reports.size() + " iterations; it judges a window of "
                    + windowReports + ", so train at least " + windowReports + " iterations");
        }
    }

    private static ParameterReport find(StepReport r, String parameter) {
        for (ParameterReport p : r.parameters()) {
            if (p.name().equals(parameter)) {
                return p;
            }
        }
        List<String> names = r.parameters().stream().map(ParameterReport::name).toList();
        throw new IllegalArgumentException("no parameter " + parameter + " in this model; it has " + names);
    }

    /** The weights ("W") of the last layer that has them. */
    private static ParameterReport outputWeights(StepReport r) {
        ParameterReport out = null;
        for (ParameterReport p : r.parameters()) {
            if (p.parameter().equals("W") && (out == null || p.layerIndex() >= out.layerIndex())) {
                out = p;
            }
        }
        if (out == null) {
            throw new IllegalStateException("no layer with weights W in this model");
        }
        return out;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

package io.gradwatch.diagnosis;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.stats.ArrayStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NaN/Inf, per layer, at once (no window): the first report where a layer's gradient, update,
 * weights or activations hold a non-finite value starts the verdict. Every message also names where
 * the run's first non-finite values were seen, in the order they arise within an iteration: forward
 * activations from the input up, then gradients from the output down, then updates, then weights.
 * A verdict ends after {@link DiagnosisThresholds#nonFiniteClearReports()} clean reports of its layer.
 * Its parameter is the first of the layer's parameters with non-finite values when it started (null
 * when only the activations had them) and stays the same while the verdict holds.
 */
final class NonFiniteRule implements Rule {

    private static final String HINT = "Common causes: a learning rate too high or exploding gradients; "
            + "also log(0) or division by zero in the loss, or NaN in the input data. Common remedies: "
            + "lower the learning rate, clip gradients (GradientNormalization.ClipL2PerLayer), check the data.";

    /** Non-finite counts of one layer at one report, in the order they arise within an iteration. */
    private static final class Layer {
        final String name;
        final int index;
        final Map<String, Long> counts = new LinkedHashMap<>();
        String parameter;
        long total;

        Layer(String name, int index) {
            this.name = name;
            this.index = index;
        }

        void add(String what, String param, ArrayStats s) {
            if (s == null || !s.hasNonFinite()) {
                return;
            }
            long n = s.nanCount() + s.infCount();
            counts.merge(what + " " + describe(s), n, Long::sum);
            total += n;
            if (parameter == null) {
                parameter = param;
            }
        }
    }

    private final Map<String, Integer> cleanReports = new HashMap<>();
    /** Layers with a verdict in force, with the parameter it started with ("" for activations). */
    private final Map<String, String> started = new HashMap<>();
    private String origin;

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (ActivationReport a : report.activations()) {
            Layer l = layers.computeIfAbsent(a.layer(), n -> new Layer(n, a.layerIndex()));
            l.add("activations", null, a.stats());
            if (a.stats().hasNonFinite()) {
                order.add(a.layer() + " activations");
            }
        }
        List<ParameterReport> backward = new ArrayList<>(report.parameters());
        backward.sort(Comparator.comparingInt(ParameterReport::layerIndex).reversed());
        for (ParameterReport p : backward) {
            layers.computeIfAbsent(p.layer(), n -> new Layer(n, p.layerIndex())).add(p.parameter() + " gradient",
                    p.parameter(), p.gradient());
            if (p.gradient().hasNonFinite()) {
                order.add(p.name() + " gradient");
            }
        }
        for (ParameterReport p : report.parameters()) {
            Layer l = layers.get(p.layer());
            l.add(p.parameter() + " update", p.parameter(), p.update());
            l.add(p.parameter() + " weights", p.parameter(), p.weights());
            if (p.update() != null && p.update().hasNonFinite()) {
                order.add(p.name() + " update");
            }
        }
        for (ParameterReport p : report.parameters()) {
            if (p.weights() != null && p.weights().hasNonFinite()) {
                order.add(p.name() + " weights");
            }
        }
        if (origin == null && !order.isEmpty()) {
            origin = "iteration " + report.iteration() + ", " + order.get(0);
        }
        for (Layer l : layers.values()) {
            if (l.total > 0) {
                cleanReports.put(l.name, 0);
                // the verdict keeps the parameter it started with, so that its key stays the same
                String param = started.computeIfAbsent(l.name, k -> l.parameter == null ? "" : l.parameter);
                out.add(Finding.enter(Problem.NON_FINITE, l.name, param.isEmpty() ? null : param, l.index, l.total,
                        message(report, l)));
            } else if (started.containsKey(l.name)) {
                String param = started.get(l.name).isEmpty() ? null : started.get(l.name);
                if (cleanReports.merge(l.name, 1, Integer::sum) >= context.thresholds().nonFiniteClearReports()) {
                    started.remove(l.name);
                    out.add(Finding.clear(Problem.NON_FINITE, l.name, param, l.index));
                } else {
                    out.add(Finding.hold(Problem.NON_FINITE, l.name, param, l.index));
                }
            }
        }
    }

    private String message(StepReport report, Layer l) {
        StringBuilder s = new StringBuilder(l.name).append(": ").append(l.total).append(" non-finite values at iteration ")
                .append(report.iteration()).append(" (");
        String sep = "";
        for (Map.Entry<String, Long> e : l.counts.entrySet()) {
            s.append(sep).append(e.getKey());
            sep = "; ";
        }
        s.append(')');
        if (!Double.isFinite(report.loss())) {
            s.append(", loss ").append(Format.sci(report.loss()));
        }
        s.append(": NaN/Inf. First non-finite values of this run: ").append(origin).append(". ").append(HINT);
        return s.toString();
    }

    private static String describe(ArrayStats s) {
        if (s.nanCount() > 0 && s.infCount() > 0) {
            return s.nanCount() + " NaN, " + s.infCount() + " Inf";
        }
        return s.nanCount() > 0 ? s.nanCount() + " NaN" : s.infCount() + " Inf";
    }
}

package io.gradwatch.listener;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a SameDiff graph's trainable variables into layers and orders them from input to output.
 *
 * <p>The rule, from the forward graph alone:
 * <ol>
 *   <li>each op gets a depth: the length of the longest chain of ops from the placeholders and
 *       variables to it;</li>
 *   <li>each trainable variable (type VARIABLE with a gradient) is anchored at the shallowest op
 *       that consumes it (for a weight, its matmul or convolution);</li>
 *   <li>variables anchored at the same op are in one layer; a vector-like variable (at most one
 *       dimension above 1: a bias, a scale) whose anchor op takes the output of another layer's
 *       anchor op joins that layer (a bias added to a matmul's output); every other variable starts a layer;</li>
 *   <li>layers are ordered by the depth of their first anchor op (ties by variable name), and
 *       named {@code layer0}, {@code layer1}, ...; parameter keys follow {@link SameDiffLayout}.</li>
 * </ol>
 */
final class SameDiffGraph {

    /** A layer: its trainable variables in anchor order, and the variable whose value is the layer's output. */
    record Layer(String name, List<String> variables, String output, String activationOp) {
    }

    private final SameDiff sd;
    private final Map<String, Integer> depth = new HashMap<>();

    private SameDiffGraph(SameDiff sd) {
        this.sd = sd;
    }

    static List<Layer> layers(SameDiff sd) {
        return new SameDiffGraph(sd).group();
    }

    /** Variables that training updates: type VARIABLE, with a gradient variable. */
    static List<String> trainable(SameDiff sd) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && v.getGradient() != null) {
                out.add(v.name());
            }
        }
        return out;
    }

    private List<Layer> group() {
        computeDepths();
        Map<String, String> anchor = new LinkedHashMap<>();
        for (String v : trainable(sd)) {
            anchor.put(v, anchorOf(v));
        }
        List<String> order = new ArrayList<>(anchor.keySet());
        order.sort(Comparator.comparingInt((String v) -> depthOf(anchor.get(v))).thenComparing(v -> v));
        Map<String, String> ownerOfAnchor = new HashMap<>(); // anchor op -> the layer-starting variable
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String v : order) {
            String op = anchor.get(v);
            String joined = op == null ? null
                    : ownerOfAnchor.containsKey(op) ? ownerOfAnchor.get(op)
                    : vectorLike(v) ? layerToJoin(op, ownerOfAnchor) : null;
            String owner = joined != null ? joined : v;
            members.computeIfAbsent(owner, k -> new ArrayList<>()).add(v);
            if (op != null) {
                ownerOfAnchor.putIfAbsent(op, owner);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (List<String> vars : members.values()) {
            // within a layer: by anchor depth, matrices and kernels before vector-like variables, then by name
            vars.sort(Comparator.comparingInt((String v) -> depthOf(anchor.get(v)))
                    .thenComparing(this::vectorLike).thenComparing(v -> v));
            String last = vars.stream().map(anchor::get).filter(o -> o != null)
                    .max(Comparator.comparingInt(this::depthOf)).orElse(null);
            String output = last == null ? null : sd.getOps().get(last).getOutputsOfOp().get(0);
            SameDiffOp activation = output == null ? null : activationAfter(output);
            String name = "layer" + layers.size();
            layers.add(activation == null
                    ? new Layer(name, vars, output, null)
                    : new Layer(name, vars, activation.getOutputsOfOp().get(0), activation.getOp().opName()));
        }
        return layers;
    }

    /** The layer whose anchor op produced an input of {@code op}, or null. */
    private String layerToJoin(String op, Map<String, String> ownerOfAnchor) {
        for (String input : inputs(op)) {
            String producer = sd.getVariables().get(input).getOutputOfOp();
            if (producer != null && ownerOfAnchor.containsKey(producer)) {
                return ownerOfAnchor.get(producer);
            }
        }
        return null;
    }

    /** The single-input op that directly follows {@code output}, if it is an activation function. */
    private SameDiffOp activationAfter(String output) {
        List<String> consumers = sd.getVariables().get(output).getInputsForOp();
        if (consumers == null || consumers.size() != 1) {
            return null;
        }
        SameDiffOp next = sd.getOps().get(consumers.get(0));
        if (next.getOutputsOfOp() == null || next.getOutputsOfOp().size() != 1
                || SameDiffActivations.kindOf(next.getOp().opName()) == null) {
            return null;
        }
        long dataInputs = inputs(next.getName()).stream()
                .filter(i -> sd.getVariables().get(i).getVariable().getVariableType() != VariableType.CONSTANT)
                .count();
        return dataInputs == 1 ? next : null;
    }

    private String anchorOf(String variable) {
        List<String> consumers = sd.getVariables().get(variable).getInputsForOp();
        if (consumers == null || consumers.isEmpty()) {
            return null;
        }
        return consumers.stream().distinct()
                .min(Comparator.comparingInt(this::depthOf).thenComparing(o -> o)).orElse(null);
    }

    private boolean vectorLike(String variable) {
        return vectorLike(sd, variable);
    }

    /** At most one dimension above 1. */
    static boolean vectorLike(SameDiff sd, String variable) {
        long[] shape = sd.getVariable(variable).getShape();
        if (shape == null) {
            return false;
        }
        int large = 0;
        for (long d : shape) {
            if (d > 1) {
                large++;
            }
        }
        return large <= 1;
    }

    private int depthOf(String op) {
        return op == null ? Integer.MAX_VALUE : depth.getOrDefault(op, Integer.MAX_VALUE - 1);
    }

    /** Longest-path depth of every op (Kahn's order; ops on a cycle keep no depth and sort last). */
    private void computeDepths() {
        Map<String, Integer> pending = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (SameDiffOp op : sd.getOps().values()) {
            int produced = 0;
            for (String in : inputs(op.getName()).stream().distinct().toList()) {
                if (sd.getVariables().get(in).getOutputOfOp() != null) {
                    produced++;
                }
            }
            pending.put(op.getName(), produced);
            if (produced == 0) {
                ready.add(op.getName());
                depth.put(op.getName(), 0);
            }
        }
        while (!ready.isEmpty()) {
            String op = ready.poll();
            int d = depth.get(op);
            for (String out : outputs(op)) {
                List<String> consumers = sd.getVariables().get(out).getInputsForOp();
                if (consumers == null) {
                    continue;
                }
                for (String next : consumers.stream().distinct().toList()) {
                    depth.merge(next, d + 1, Math::max);
                    if (pending.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
        }
        pending.forEach((op, left) -> {
            if (left > 0) {
                depth.remove(op); // on a cycle (control flow): no reliable depth
            }
        });
    }

    private List<String> inputs(String op) {
        List<String> in = sd.getOps().get(op).getInputsToOp();
        return in == null ? List.of() : in;
    }

    private List<String> outputs(String op) {
        List<String> out = sd.getOps().get(op).getOutputsOfOp();
        return out == null ? List.of() : out;
    }
}

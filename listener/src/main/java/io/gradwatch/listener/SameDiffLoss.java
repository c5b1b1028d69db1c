package io.gradwatch.listener;

import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The iteration's loss. In 1.0.0-M2.1 SameDiff's training session skips the forward loss op (the
 * loss's gradient op reads the logits directly), so the {@link Loss} it hands to listeners holds
 * only the regularisation term. gradwatch therefore evaluates each loss op once more on sampled
 * iterations, on copies of its inputs taken at op execution (for the reference MLP: one
 * [batch, 10] array), and adds SameDiff's regularisation term: the same quantity DL4J's score is.
 * A loss that is not a single custom op (e.g. built from reduce ops) is reported as NaN.
 */
final class SameDiffLoss {

    private record Term(String opName, List<String> inputs, long[] iArgs, double[] tArgs, boolean[] bArgs) {
    }

    private final List<Term> terms;
    private final Set<String> captured;
    private final List<String> featurePlaceholders;
    private final List<String> labelPlaceholders;

    private SameDiffLoss(List<Term> terms, Set<String> captured, List<String> features, List<String> labels) {
        this.terms = terms;
        this.captured = captured;
        this.featurePlaceholders = features;
        this.labelPlaceholders = labels;
    }

    static SameDiffLoss of(SameDiff sd) {
        List<Term> terms = new ArrayList<>();
        Set<String> captured = new HashSet<>();
        for (String loss : sd.getLossVariables()) {
            String producer = sd.getVariables().get(loss).getOutputOfOp();
            SameDiffOp op = producer == null ? null : sd.getOps().get(producer);
            if (op == null || !(op.getOp() instanceof DynamicCustomOp custom)) {
                terms.add(null);
                continue;
            }
            List<String> inputs = op.getInputsToOp() == null ? List.of() : List.copyOf(op.getInputsToOp());
            for (String in : inputs) {
                if (sd.getVariable(in).getVariableType() == VariableType.ARRAY) {
                    captured.add(in);
                }
            }
            terms.add(new Term(custom.opName(), inputs, custom.iArgs(), custom.tArgs(), custom.bArgs()));
        }
        TrainingConfig tc = sd.getTrainingConfig();
        List<String> features = tc == null || tc.getDataSetFeatureMapping() == null ? List.of()
                : tc.getDataSetFeatureMapping();
        List<String> labels = tc == null || tc.getDataSetLabelMapping() == null ? List.of()
                : tc.getDataSetLabelMapping();
        return new SameDiffLoss(terms, Set.copyOf(captured), List.copyOf(features), List.copyOf(labels));
    }

    /** Whether the op output {@code variable} must be copied for the loss. */
    boolean needs(String variable) {
        return captured.contains(variable);
    }

    /** The loss of this iteration: SameDiff's own value where it has one, else the loss ops evaluated again. */
    double evaluate(SameDiff sd, MultiDataSet batch, Map<String, INDArray> copies, Loss loss) {
        double[] values = loss == null ? new double[0] : loss.lossValues();
        int n = Math.min(terms.size(), values.length);
        double own = 0;
        for (int i = 0; i < n; i++) {
            own += values[i];
        }
        double total = loss == null ? 0 : loss.totalLoss();
        if (own != 0) {
            return total; // SameDiff computed the loss itself
        }
        double computed = 0;
        for (Term t : terms) {
            computed += t == null ? Double.NaN : evaluate(t, sd, batch, copies);
        }
        return computed + total;
    }

    private double evaluate(Term t, SameDiff sd, MultiDataSet batch, Map<String, INDArray> copies) {
        INDArray[] inputs = new INDArray[t.inputs().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = value(t.inputs().get(i), sd, batch, copies);
            if (inputs[i] == null) {
                return Double.NaN;
            }
        }
        DynamicCustomOp op = DynamicCustomOp.builder(t.opName()).addInputs(inputs)
                .addIntegerArguments(Arrays.stream(t.iArgs()).mapToInt(Math::toIntExact).toArray())
                .addFloatingPointArguments(Arrays.stream(t.tArgs()).boxed().toArray(Double[]::new))
                .addBooleanArguments(t.bArgs()).build();
        INDArray out = Nd4j.exec(op)[0];
        return out.isScalar() ? out.getDouble(0) : out.sumNumber().doubleValue();
    }

    private INDArray value(String name, SameDiff sd, MultiDataSet batch, Map<String, INDArray> copies) {
        VariableType type = sd.getVariable(name).getVariableType();
        if (type == VariableType.ARRAY) {
            return copies.get(name);
        }
        if (type == VariableType.PLACEHOLDER) {
            int f = featurePlaceholders.indexOf(name);
            if (f >= 0 && batch != null && f < batch.numFeatureArrays()) {
                return batch.getFeatures(f);
            }
            int l = labelPlaceholders.indexOf(name);
            return l >= 0 && batch != null && l < batch.numLabelsArrays() ? batch.getLabels(l) : null;
        }
        return sd.getVariable(name).getArr();
    }
}

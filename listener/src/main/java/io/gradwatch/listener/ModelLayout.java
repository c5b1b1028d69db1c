package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.LayerInfo.ParameterInfo;
import io.gradwatch.report.LayerInfo;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each layer's parameters live inside DL4J's flattened parameter (and gradient) array, and
 * which layer outputs to watch. Worked out once per model from DL4J's own parameter views, so the
 * training thread can copy the whole gradient with one memcpy and the analysis thread can slice it.
 */
final class ModelLayout {

    /**
     * One parameter array: values [offset, offset + length) of the flattened arrays.
     *
     * @param runningStatistic a batch-norm running mean or variance ("mean", "var", "log10stdev"): DL4J's
     *                         "gradient" for it is the change it applies, not a gradient of the loss
     */
    record Segment(String layer, int layerIndex, String parameter, int offset, int length, boolean monitored,
                   boolean runningStatistic) {
    }

    /** DL4J's BatchNormalization parameter keys that hold running statistics, not trained weights. */
    private static final Set<String> RUNNING_STATISTICS = Set.of("mean", "var", "log10stdev");

    /**
     * One watched layer output.
     *
     * @param forwardIndex index into MultiLayerNetwork's activation list (input at 0), or -1 for a graph
     */
    record ActivationSlot(String layer, int layerIndex, String activation, ActivationKind kind, int forwardIndex) {
    }

    private final Model model;
    private final List<Segment> segments;
    private final List<ActivationSlot> activations;
    private final List<LayerInfo> layers;
    private final int totalLength;

    private ModelLayout(Model model, List<Segment> segments, List<ActivationSlot> activations, List<LayerInfo> layers,
                        int totalLength) {
        this.model = model;
        this.segments = List.copyOf(segments);
        this.activations = List.copyOf(activations);
        this.layers = List.copyOf(layers);
        this.totalLength = totalLength;
    }

    static ModelLayout of(Model model, GradWatchConfig config) {
        Layer[] dl4jLayers = layersOf(model);
        INDArray flat = model.params();
        long base = flat.offset();
        List<Segment> segments = new ArrayList<>();
        List<ActivationSlot> activations = new ArrayList<>();
        List<LayerInfo> infos = new ArrayList<>();
        for (int i = 0; i < dl4jLayers.length; i++) {
            Layer layer = dl4jLayers[i];
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String name = conf.getLayerName() != null ? conf.getLayerName() : "layer" + i;
            IActivation fn = ActivationKind.appliedBy(conf);
            List<ParameterInfo> params = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                INDArray view = e.getValue();
                int offset = Math.toIntExact(view.offset() - base);
                boolean monitored = config.monitors(name + "/" + e.getKey());
                boolean running = conf instanceof BatchNormalization
                        && RUNNING_STATISTICS.contains(e.getKey());
                segments.add(new Segment(name, i, e.getKey(), offset, Math.toIntExact(view.length()), monitored,
                        running));
                params.add(new ParameterInfo(e.getKey(), view.length(),
                        Arrays.stream(view.shape()).boxed().toList()));
            }
            if (!params.isEmpty()) {
                // a FrozenLayer's configuration is its inner layer's: name the wrapper, which the diagnosis reads
                boolean frozen = layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                        || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
                infos.add(new LayerInfo(name, i, frozen ? layer.getClass().getSimpleName() : conf.getClass().getSimpleName(),
                        fn == null ? "none" : fn.toString(), params, outputLoss(conf)));
            }
            boolean hasOutput = conf instanceof BaseLayer
                    || conf instanceof ActivationLayer;
            if (hasOutput && config.activations() && config.monitors(name + "/activations")) {
                int forwardIndex = model instanceof MultiLayerNetwork ? i + 1 : -1;
                activations.add(new ActivationSlot(name, i, fn == null ? "none" : fn.toString(),
                        fn == null ? ActivationKind.OTHER : ActivationKind.of(fn), forwardIndex));
            }
        }
        int total = Math.toIntExact(flat.length());
        checkTiling(segments, total);
        return new ModelLayout(model, segments, activations, infos, total);
    }

    /** The loss function and nOut of an output layer, for the diagnosis' chance level; null for other layers. */
    private static LayerInfo.OutputLoss outputLoss(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer out && out.getLossFn() != null) {
            return new LayerInfo.OutputLoss(out.getLossFn().getClass().getSimpleName(), out.getNOut());
        }
        return null;
    }

    /**
     * A layout for a model that is not a DL4J {@link Model} (SameDiff): the caller lays the
     * parameters out in one flattened array itself; {@link #describes(Model)} is then always false.
     */
    static ModelLayout of(List<Segment> segments, List<ActivationSlot> activations, List<LayerInfo> layers,
                          int totalLength) {
        checkTiling(segments, totalLength);
        return new ModelLayout(null, segments, activations, layers, totalLength);
    }

    /** The parameter views must tile the flattened array exactly, or slicing it would mislabel values. */
    private static void checkTiling(List<Segment> segments, int total) {
        List<Segment> byOffset = new ArrayList<>(segments);
        byOffset.sort(Comparator.comparingInt(Segment::offset));
        int next = 0;
        for (Segment s : byOffset) {
            if (s.offset() != next) {
                throw new IllegalStateException("gradwatch could not map " + s.layer() + "/" + s.parameter()
                        + " into the network's flattened parameters (offset " + s.offset() + ", expected " + next
                        + "); please report this network configuration");
            }
            next += s.length();
        }
        if (next != total) {
            throw new IllegalStateException("gradwatch found " + next + " parameter values in the layers but "
                    + total + " in the network; please report this network configuration");
        }
    }

    private static Layer[] layersOf(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayers();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getLayers();
        }
        throw new IllegalArgumentException("gradwatch monitors MultiLayerNetwork and ComputationGraph, not "
                + model.getClass().getName());
    }

    /**
     * A warning for a {@code layers(regex)} that selects nothing in this network, naming what there is;
     * null when something is monitored.
     */
    String nothingMonitoredWarning(GradWatchConfig config) {
        if (!activations.isEmpty() || segments.stream().anyMatch(Segment::monitored)) {
            return null;
        }
        List<String> names = segments.stream().map(s -> s.layer() + "/" + s.parameter()).toList();
        return "gradwatch: layers(\"" + config.layers().pattern() + "\") matches none of this network's arrays "
                + names + " (activations are named layer/activations); reports will be empty. Fix the pattern, "
                + "e.g. layers(\"layer0/\"), or drop layers(...) to monitor everything";
    }

    boolean describes(Model m) {
        return m == model && m.numParams() == totalLength;
    }

    List<Segment> segments() {
        return segments;
    }

    List<ActivationSlot> activations() {
        return activations;
    }

    List<LayerInfo> layers() {
        return layers;
    }

    int totalLength() {
        return totalLength;
    }
}

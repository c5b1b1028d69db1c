package io.gradwatch.spark;

import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An independent reference on the executors: a plain DL4J listener that takes, with ND4J's own
 * reductions on DL4J's arrays, the RMS of each parameter's gradient of the mean loss (at
 * onGradientCalculation, before the updater) and of the weights after the update. In local mode the
 * executors share the test's JVM, so the values land in a static queue the test reads.
 */
final class ReferenceRecorder extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One minibatch on one executor: DL4J's param key ("0_W", "hidden_b") to {gradient RMS, weight RMS}. */
    record Step(long iteration, double score, String thread, Map<String, double[]> rms) {
    }

    static final Queue<Step> STEPS = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<Map<String, double[]>> CURRENT = new ThreadLocal<>();

    @Override
    public void onGradientCalculation(Model model) {
        Map<String, double[]> rms = new HashMap<>();
        int batch = model.batchSize();
        model.gradient().gradientForVariable().forEach((k, g) ->
                rms.put(k, new double[]{rms(g) / (isRunningStatistic(k) ? 1 : batch), Double.NaN}));
        CURRENT.set(rms);
        CURRENT_SCORE.set(model.score());
    }

    private static final ThreadLocal<Double> CURRENT_SCORE = new ThreadLocal<>();

    /** Batch norm's running mean/variance: DL4J's "gradient" is the change it applies, not divided by the batch. */
    private static boolean isRunningStatistic(String key) {
        String param = key.substring(key.lastIndexOf('_') + 1);
        return param.equals("mean") || param.equals("var") || param.equals("log10stdev");
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        Map<String, double[]> rms = CURRENT.get();
        if (rms == null) {
            return;
        }
        model.paramTable().forEach((k, w) -> {
            double[] v = rms.get(k);
            if (v != null) {
                v[1] = rms(w);
            }
        });
        TaskContext task = TaskContext.get();
        STEPS.add(new Step(iteration, CURRENT_SCORE.get(), task == null ? Thread.currentThread().getName()
                : "partition-" + task.partitionId(), rms));
        CURRENT.remove();
    }

    private static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }

    static List<Step> steps() {
        return List.copyOf(STEPS);
    }
}

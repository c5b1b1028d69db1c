package io.gradwatch.spark;

import io.gradwatch.listener.GradWatchListener;
import org.apache.spark.TaskContext;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * What Spark ships to the executors: a small serialisable listener that measures with gradwatch's own
 * listener ({@link ExecutorMonitors}) and publishes through the StatsStorageRouter DL4J sets on it.
 *
 * <p>DL4J's training masters collect a split's records right after its last minibatch, and nothing
 * tells a listener which minibatch is the last. So each sampled iteration is analysed and handed to the
 * router before the next minibatch starts (the analysis still runs on gradwatch's thread; the training
 * thread waits for it, and that wait is part of the overhead gradwatch reports).
 *
 * <p>Epoch callbacks are ignored: they never fire on executors under ParameterAveragingTrainingMaster
 * and fire spuriously under SharedTrainingMaster.
 */
final class ExecutorListener implements RoutingIterationListener {

    private static final long serialVersionUID = 1L;

    private final WorkerSettings settings;
    private StatsStorageRouter router;
    private String dl4jWorkerId;
    private transient GradWatchListener monitor;

    ExecutorListener(WorkerSettings settings) {
        this.settings = settings;
    }

    private GradWatchListener monitor() {
        if (monitor == null) {
            ExecutorMonitors.Monitor m = ExecutorMonitors.of(settings, WorkerIds.current(dl4jWorkerId));
            m.sink().route(router);
            monitor = m.listener();
        }
        return monitor;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        monitor().onForwardPass(model, activations);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        monitor().onForwardPass(model, activations);
    }

    @Override
    public void onGradientCalculation(Model model) {
        monitor().onGradientCalculation(model);
    }

    @Override
    public void onBackwardPass(Model model) {
        // the gradient is complete only at onGradientCalculation
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        GradWatchListener m = monitor();
        m.iterationDone(model, iteration, epoch);
        if (settings.samples(iteration)) {
            m.flush();
        }
    }

    @Override
    public void onEpochStart(Model model) {
        // see the class comment
    }

    @Override
    public void onEpochEnd(Model model) {
        // see the class comment
    }

    @Override
    public void setStorageRouter(StatsStorageRouter router) {
        this.router = router;
        if (monitor != null) {
            ExecutorMonitors.of(settings, monitor.getWorkerID()).sink().route(router);
        }
    }

    @Override
    public StatsStorageRouter getStorageRouter() {
        return router;
    }

    /** Remembered, but gradwatch names workers itself (see {@link WorkerIds}). */
    @Override
    public void setWorkerID(String workerID) {
        this.dl4jWorkerId = workerID;
    }

    @Override
    public String getWorkerID() {
        return monitor != null ? monitor.getWorkerID() : dl4jWorkerId;
    }

    /** Ignored: the session id is fixed on the driver so that every worker and sink agree on it. */
    @Override
    public void setSessionID(String sessionID) {
        // deliberately ignored, see javadoc
    }

    @Override
    public String getSessionID() {
        return settings.sessionId();
    }

    /** A copy for another worker thread (ParallelWrapper inside SharedTrainingMaster clones per thread). */
    @Override
    public ExecutorListener clone() {
        ExecutorListener copy = new ExecutorListener(settings);
        copy.router = router;
        copy.dl4jWorkerId = dl4jWorkerId;
        return copy;
    }
}

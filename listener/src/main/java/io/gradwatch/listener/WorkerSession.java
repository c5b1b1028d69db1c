package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.SessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which session one listener's reports belong to. Kept per listener instance (ParallelWrapper clones have
 * their own), not per training thread: a listener reused on another network, or on its network trained again
 * from an earlier iteration, starts a new session whichever thread trains it (issue 26).
 * Touched once per sampled iteration, under this object's lock.
 */
final class WorkerSession {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    /** What a sampled iteration shows about the network the listener is attached to. */
    private enum Change {
        /** The first network this listener sees. */
        FIRST,
        /** The network seen before, going on. */
        SAME,
        /** Another network (other layers or parameter shapes): a new session. */
        OTHER_NETWORK,
        /** The same network, trained again from an earlier iteration: a new session. */
        RESTART
    }

    private final ReportPipeline pipeline;
    private final Map<String, Object> userHyperparameters;
    private GradWatchConfig config;
    private List<ModelLayout.Segment> network;
    private long lastIteration = -1;
    private boolean started;

    WorkerSession(GradWatchConfig config, ReportPipeline pipeline, Map<String, Object> userHyperparameters) {
        this.config = config;
        this.pipeline = pipeline;
        this.userHyperparameters = userHyperparameters;
    }

    /**
     * Records that iteration {@code iteration} of the network laid out as {@code layout} is being measured on the
     * thread whose iteration is {@code inFlight}: a new session restarts its clock; a network seen for the first
     * time that {@code config} does not monitor at all is warned about.
     */
    void observe(ModelLayout layout, long iteration, GradWatchConfig config, InFlight inFlight) {
        Change change = observe(layout.segments(), iteration);
        if (change == Change.OTHER_NETWORK || change == Change.RESTART) {
            inFlight.restartClock();
        }
        String warning = layout.nothingMonitoredWarning(config);
        if (warning != null && (change == Change.FIRST || change == Change.OTHER_NETWORK)) {
            LOG.warn(warning);
        }
    }

    private synchronized Change observe(List<ModelLayout.Segment> segments, long iteration) {
        Change change;
        if (network == null) {
            change = Change.FIRST;
        } else if (!network.equals(segments)) {
            change = Change.OTHER_NETWORK;
        } else if (iteration < lastIteration) {
            change = Change.RESTART;
        } else {
            change = Change.SAME;
        }
        if (started && (change == Change.OTHER_NETWORK || change == Change.RESTART)) {
            newSession(change, iteration);
        }
        network = segments;
        lastIteration = iteration;
        return change;
    }

    /**
     * Publishes the current session's start once: the first sampled iteration of a session (on whichever thread)
     * describes it, with the configuration that names it and the user's hyperparameters.
     */
    synchronized void startOnce(BiFunction<GradWatchConfig, Map<String, Object>, SessionInfo> describe) {
        if (!started) {
            started = true;
            pipeline.start(describe.apply(config, userHyperparameters));
        }
    }

    private void newSession(Change change, long iteration) {
        String id = pipeline.nextSessionId();
        LOG.warn("gradwatch: {}; its reports go to a new session {} (TensorBoard: a run of its own inside the "
                        + "run directory). Build one listener per training run to name each yourself.",
                change == Change.OTHER_NETWORK ? "this listener is now attached to another network"
                        : "training restarted at iteration " + iteration + " after iteration " + lastIteration, id);
        config = config.withSessionId(id);
        started = false;
    }
}

package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The last state of one model that gradwatch certified healthy: the state recovery rolls back to and
 * halting saves. Every {@code snapshotEvery} iterations, at a measured iteration, while the loss is not
 * diverging, the training thread copies the model before the update ({@link ModelState}, a candidate).
 * The diagnosis of that very iteration arrives later on the analysis thread; the candidate is certified
 * when that report has a finite loss and no warning-level verdict in force, and dropped otherwise.
 * At most two copies are held: the certified state and one candidate (until the first certification the
 * earliest candidate stands in for the certified state, and says so).
 *
 * <p>"Loss not diverging": the median of the last 16 losses is at most twice the lowest such median so far.
 */
final class HealthyState {

    /** Losses in the median that tells whether the loss is diverging. */
    private static final int LOSS_WINDOW = 16;

    /** What a halt left in the model (and checkpoint): the iteration of that state, and those words. */
    record Held(long iteration, String words) {
    }

    private final GradWatchConfig config;
    private final int snapshotEvery;
    private final double[] losses = new double[LOSS_WINDOW];
    private int lossCount;
    private double bestMedian = Double.POSITIVE_INFINITY;
    private ModelState certified;
    private ModelState candidate;
    private ModelState earliest;
    private long lastCandidateIteration = -1;
    private volatile long candidateIteration = -1;
    private volatile long certifiedIteration = -1;
    private volatile long refusedIteration = -1;

    HealthyState(GradWatchConfig config, int snapshotEvery) {
        this.config = config;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Training thread, at onGradientCalculation of a step judged acceptable (before its update): notes the
     * loss and, when one is due, copies the model as a candidate.
     */
    void offer(Model model, long iteration, double loss) {
        promote();
        if (!Double.isFinite(loss)) {
            return;
        }
        losses[lossCount % LOSS_WINDOW] = loss;
        lossCount++;
        boolean diverging = lossDiverging();
        boolean due = lastCandidateIteration < 0 || iteration - lastCandidateIteration >= snapshotEvery
                || iteration < lastCandidateIteration;
        if (!due || diverging || !config.samples(iteration)) {
            return;
        }
        if (candidate != null && candidate != earliest) {
            candidate.release();
        }
        candidate = ModelState.of(model, iteration, loss);
        if (earliest == null && certified == null) {
            earliest = candidate;
        }
        lastCandidateIteration = iteration;
        candidateIteration = iteration;
    }

    /** The state to go back to: the certified one, else the earliest kept (uncertified), else null. */
    ModelState best() {
        promote();
        return certified != null ? certified : earliest;
    }

    boolean isCertified(ModelState state) {
        return state != null && state == certified;
    }

    /** After a roll-back: a pending candidate came from the stretch that went wrong. */
    void dropCandidate() {
        if (candidate != null && candidate != earliest) {
            candidate.release();
        }
        candidate = null;
        candidateIteration = -1;
    }

    /** Native bytes of the copies held now. */
    long heldBytes() {
        long bytes = certified == null ? 0 : certified.bytes();
        bytes += candidate == null ? 0 : candidate.bytes();
        bytes += earliest == null || earliest == candidate ? 0 : earliest.bytes();
        return bytes;
    }

    /**
     * Training thread, when halting: puts the best state into {@code model} (and its iteration count), saves
     * the model to {@code checkpoint} if one is given, and says what it holds. With nothing kept, the model is
     * left as it is (before the update of {@code iteration}).
     */
    Held restoreBestAndSave(Model model, long iteration, Path checkpoint) {
        ModelState state = best();
        Held held;
        if (state == null) {
            held = new Held(iteration, "the model as it was before the update of iteration " + iteration
                    + " (no state had been kept yet)");
        } else {
            state.restoreInto(model);
            setIterationCount(model, state.iteration());
            held = new Held(state.iteration(), isCertified(state)
                    ? "the state certified healthy at iteration " + state.iteration()
                    : "the earliest state gradwatch kept, iteration " + state.iteration()
                    + " (none was certified healthy: a warning-level verdict was in force or the loss diverged)");
        }
        if (checkpoint != null) {
            save(model, checkpoint);
        }
        return held;
    }

    /** Analysis thread: certifies or refuses the candidate when the report of its iteration arrives. */
    void report(StepReport report) {
        if (report.iteration() != candidateIteration) {
            return;
        }
        boolean warning = report.diagnosis().active().stream().anyMatch(v -> v.severity() == Verdict.Severity.WARNING);
        if (warning || !Double.isFinite(report.loss())) {
            refusedIteration = report.iteration();
        } else {
            certifiedIteration = report.iteration();
        }
    }

    private void promote() {
        if (candidate == null) {
            return;
        }
        if (certifiedIteration == candidate.iteration()) {
            if (certified != null) {
                certified.release();
            }
            if (earliest != null && earliest != candidate) {
                earliest.release();
            }
            certified = candidate;
            earliest = null;
            candidate = null;
        } else if (refusedIteration == candidate.iteration()) {
            dropCandidate();
        }
    }

    private boolean lossDiverging() {
        if (lossCount < LOSS_WINDOW) {
            return false;
        }
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        double median = (sorted[LOSS_WINDOW / 2 - 1] + sorted[LOSS_WINDOW / 2]) / 2;
        bestMedian = Math.min(bestMedian, median);
        return median > 2 * bestMedian;
    }

    private static void setIterationCount(Model model, long iteration) {
        if (model instanceof MultiLayerNetwork net) {
            net.setIterationCount(Math.toIntExact(iteration));
        } else if (model instanceof ComputationGraph graph) {
            graph.getConfiguration().setIterationCount(Math.toIntExact(iteration));
        }
    }

    /** Writes next to the target, then moves it into place: an earlier checkpoint survives a failed write. */
    static void save(Model model, Path checkpoint) {
        try {
            Path dir = checkpoint.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, checkpoint.getFileName().toString(), ".part");
            ModelSerializer.writeModel(model, tmp.toFile(), true);
            Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("gradwatch could not save the checkpoint " + checkpoint
                    + " before halting; training stops anyway", e);
        }
    }
}

package io.gradwatch.listener;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.Statistics;
import io.gradwatch.stats.Statistics.Analysis;

import java.util.ArrayList;
import java.util.List;

/** Computes a {@link StepReport} from a {@link Snapshot}: pure work on plain arrays, off the training thread. */
final class ReportAssembler {

    private final GradientScale gradientScale;

    ReportAssembler(GradientScale gradientScale) {
        this.gradientScale = gradientScale;
    }

    /** The report of {@code s} in the session {@code sessionId} (a listener that sees a new network starts one). */
    StepReport assemble(Snapshot s, String sessionId, long analysisStartNanos, long sinkFailures) {
        List<ParameterReport> params = new ArrayList<>();
        double totalSquares = 0;
        List<ModelLayout.Segment> segments = s.layout().segments();
        for (int k = 0; k < segments.size(); k++) {
            ModelLayout.Segment seg = segments.get(k);
            int from = seg.offset();
            int to = from + seg.length();
            // batch-norm running statistics: DL4J's "gradient" is the change it applies, neither scaled nor a gradient
            boolean running = seg.runningStatistic();
            if (!seg.monitored()) {
                totalSquares += running ? 0 : Statistics.sumOfSquares(s.gradient(), from, to, s.gradientScale());
                continue;
            }
            Analysis g = Statistics.analyse(s.gradient(), from, to, running ? 1f : s.gradientScale(), s.histograms());
            double l2 = g.stats().l2();
            totalSquares += running ? 0 : l2 * l2;
            Analysis u = s.update() != null ? Statistics.analyse(s.update(), from, to, 1f, s.histograms())
                    : s.updateAnalyses() != null ? s.updateAnalyses()[k] : null;
            Analysis w = s.weights() != null ? Statistics.analyse(s.weights(), from, to, 1f, s.histograms())
                    : s.weightAnalyses() != null ? s.weightAnalyses()[k] : null;
            double ratio = u == null || w == null ? Double.NaN : u.stats().rms() / w.stats().rms();
            params.add(new ParameterReport(seg.layer(), seg.parameter(), seg.layerIndex(), g.stats(),
                    u == null ? null : u.stats(), w == null ? null : w.stats(), ratio, g.histogram(),
                    u == null ? null : u.histogram(), w == null ? null : w.histogram()));
        }
        List<ActivationReport> acts = new ArrayList<>();
        List<ModelLayout.ActivationSlot> slots = s.layout().activations();
        for (int i = 0; s.activations() != null && i < slots.size(); i++) {
            float[] values = s.activations()[i];
            if (values != null) {
                acts.add(ActivationHealth.report(slots.get(i), values, s.activationByUnit(i), s.batchSize(),
                        s.histograms()));
            }
        }
        double analysisMillis = (System.nanoTime() - analysisStartNanos) / 1e6;
        double fraction = s.wallNanosSinceLast() <= 0 ? Double.NaN
                : (double) s.overheadNanosSinceLast() / s.wallNanosSinceLast();
        Overhead overhead = new Overhead(s.trainingThreadNanos() / 1e6, analysisMillis, fraction,
                s.backpressureNanos() / 1e6, sinkFailures);
        return new StepReport(sessionId, s.workerId(), s.iteration(), s.epoch(), s.timestampMillis(), s.loss(),
                s.batchSize(), gradientScale, Math.sqrt(totalSquares), params, acts, s.histograms(), overhead,
                Diagnosis.none());
    }
}

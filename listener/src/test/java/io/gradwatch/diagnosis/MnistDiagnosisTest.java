package io.gradwatch.diagnosis;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.testing.RecordingSink;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import io.gradwatch.testing.ReferenceMlp;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference experiment on real MNIST, one epoch per setting, a report every 10 iterations and
 * the default thresholds: Xavier + relu must give no false alarm, uniform + sigmoid must be
 * diagnosed as a vanishing gradient on its early layers. Prints the measured numbers that calibrate
 * the defaults. Needs the MNIST IDX files in ~/.deeplearning4j (see CONTEXT.md).
 */
class MnistDiagnosisTest {

    private static final int EVERY = 10;

    @Test
    void xavierRelu_firstEpoch_noVanishingExplodingDeadOrNonFinite() throws IOException {
        Run run = Run.train(ReferenceMlp.Init.XAVIER, Activation.RELU);
        Set<Problem> alarms = EnumSet.of(Problem.VANISHING_GRADIENT, Problem.EXPLODING_GRADIENT, Problem.DEAD_UNITS,
                Problem.NON_FINITE);
        List<Verdict> false_ = run.started().stream().filter(v -> alarms.contains(v.problem())).toList();
        assertEquals(List.of(), false_, "no alarm at any point of the first epoch");
        assertTrue(run.reports.get(run.reports.size() - 1).loss() < 0.5, "the network learns");
    }

    @Test
    void uniformSigmoid_firstEpoch_vanishingGradientOnItsEarlyLayers() throws IOException {
        Run run = Run.train(ReferenceMlp.Init.UNIFORM, Activation.SIGMOID);
        StepReport last = run.reports.get(run.reports.size() - 1);
        List<String> vanishing = last.diagnosis().active().stream()
                .filter(v -> v.problem() == Problem.VANISHING_GRADIENT).map(Verdict::subject).toList();
        assertTrue(vanishing.containsAll(List.of("layer0/W", "layer1/W", "layer2/W")), vanishing.toString());
        assertTrue(!vanishing.contains("layer5/W"), "the last hidden layer is close to the output: " + vanishing);
        Verdict first = last.diagnosis().active().stream()
                .filter(v -> v.problem() == Problem.VANISHING_GRADIENT && v.layer().equals("layer0")).findFirst().orElseThrow();
        assertEquals(9L * EVERY, first.firstIteration(), "diagnosed as soon as the first window is full");
        assertTrue(first.measured() >= 4, first.message());
    }

    /** One epoch of one setting with its reports. */
    record Run(String name, List<StepReport> reports) {

        static Run train(ReferenceMlp.Init init, Activation activation) throws IOException {
            MultiLayerNetwork net = ReferenceMlp.build(init, activation, 42);
            RecordingSink sink = new RecordingSink();
            GradWatchListener listener = GradWatch.builder().every(EVERY).histogramsEvery(0).sink(sink).build();
            net.addListeners(listener);
            net.fit(new MnistDataSetIterator(128, true, 12345));
            listener.close();
            Run run = new Run(init + "+" + activation, List.copyOf(sink.reports));
            run.print();
            return run;
        }

        /** The largest 10-report median of one activation fraction of {@code layer}; NaN when not defined. */
        double maxWindowMedian(String layer, java.util.function.ToDoubleFunction<ActivationReport> fraction) {
            double[] values = reports.stream().mapToDouble(r -> fraction.applyAsDouble(r.activations().stream()
                    .filter(x -> x.layer().equals(layer)).findFirst().orElseThrow())).toArray();
            double max = Double.NaN;
            for (int end = 10; end <= values.length; end++) {
                double m = History.median(java.util.Arrays.copyOfRange(values, end - 10, end));
                max = Double.isNaN(max) ? m : Math.max(max, m);
            }
            return max;
        }

        List<Verdict> started() {
            List<Verdict> out = new ArrayList<>();
            reports.forEach(r -> out.addAll(r.diagnosis().started()));
            return out;
        }

        /**
         * Per weight parameter: decades below the output layer (median of the last 10 reports, and the
         * largest 10-report median of the epoch), the largest growth within 10 reports, and per layer the
         * largest 10-report median dead fraction.
         */
        void print() {
            int n = reports.size();
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d reports, final loss %.3f%n",
                    name, n, reports.get(n - 1).loss()));
            for (ParameterReport p : reports.get(0).parameters()) {
                if (!p.parameter().equals("W")) {
                    continue;
                }
                double[] decades = new double[n];
                double[] logRms = new double[n];
                for (int i = 0; i < n; i++) {
                    StepReport r = reports.get(i);
                    ParameterReport out = Weights.output(r);
                    double rms = r.parameter(p.layer(), "W").gradient().rms();
                    decades[i] = Math.log10(out.gradient().rms()) - Math.log10(rms);
                    logRms[i] = Math.log10(rms);
                }
                double maxMedian = Double.NEGATIVE_INFINITY;
                double maxGrowth = 0;
                for (int end = 10; end <= n; end++) {
                    maxMedian = Math.max(maxMedian, History.median(java.util.Arrays.copyOfRange(decades, end - 10, end)));
                    double min = Double.POSITIVE_INFINITY;
                    for (int i = end - 10; i < end; i++) {
                        min = Math.min(min, logRms[i]);
                        maxGrowth = Math.max(maxGrowth, logRms[i] - min);
                    }
                }
                s.append(String.format(Locale.ROOT, "  %s: decades below output, last window %.2f, max window median "
                                + "%.2f; max growth in a window %.2f decades%n", p.name(),
                        History.median(java.util.Arrays.copyOfRange(decades, n - 10, n)), maxMedian, maxGrowth));
            }
            for (ActivationReport a : reports.get(0).activations()) {
                double dead = maxWindowMedian(a.layer(), ActivationReport::deadFraction);
                double saturated = maxWindowMedian(a.layer(), ActivationReport::saturatedFraction);
                if (!Double.isNaN(dead)) {
                    s.append(String.format(Locale.ROOT, "  %s: max window median dead fraction %.2f%n", a.layer(), dead));
                }
                if (!Double.isNaN(saturated)) {
                    s.append(String.format(Locale.ROOT, "  %s: max window median saturated fraction %.3f%n", a.layer(),
                            saturated));
                }
            }
            for (StepReport r : reports) {
                r.diagnosis().started().forEach(v -> s.append("  start @").append(r.iteration()).append(' ')
                        .append(v.key()).append(String.format(Locale.ROOT, " %.3g%n", v.measured())));
                r.diagnosis().ended().forEach(v -> s.append("  end   @").append(r.iteration()).append(' ')
                        .append(v.key()).append('\n'));
            }
            System.out.print(s);
        }
    }
}

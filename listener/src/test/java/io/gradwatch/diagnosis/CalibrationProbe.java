package io.gradwatch.diagnosis;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.activations.Activation;

import java.util.Locale;

@EnabledIfSystemProperty(named = "probe", matches = "true")
class CalibrationProbe {
    @Test
    void probe() throws Exception {
        for (ReferenceMlp.Init init : ReferenceMlp.Init.values()) {
            for (Activation act : new Activation[]{Activation.RELU, Activation.SIGMOID}) {
                MultiLayerNetwork net = ReferenceMlp.build(init, act, 42);
                RecordingSink sink = new RecordingSink();
                GradWatchListener l = GradWatch.builder().every(10).histogramsEvery(0).sink(sink).noDiagnosis().build();
                net.addListeners(l);
                long t0 = System.nanoTime();
                net.fit(new MnistDataSetIterator(128, true, 12345));
                l.close();
                System.out.printf(Locale.ROOT, "=== %s+%s reports %d time %.1f s%n", init, act, sink.reports.size(), (System.nanoTime() - t0) / 1e9);
                for (StepReport r : sink.reports) {
                    if (r.iteration() % 50 != 0 && r != sink.reports.get(sink.reports.size() - 1)) continue;
                    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "it %4d loss %.3f norm %.2e |", r.iteration(), r.loss(), r.gradientTotalNorm()));
                    ParameterReport out = r.parameter("layer6", "W");
                    for (ParameterReport p : r.parameters()) {
                        if (!p.parameter().equals("W")) continue;
                        s.append(String.format(Locale.ROOT, " %s rms %.1e dec %.2f ratio %.1e;", p.layer(), p.gradient().rms(),
                                Math.log10(out.gradient().rms() / p.gradient().rms()), p.updateRatio()));
                    }
                    s.append(" |");
                    for (ActivationReport a : r.activations()) {
                        s.append(String.format(Locale.ROOT, " %s d%.2f s%.2f", a.layer(), a.deadFraction(), a.saturatedFraction()));
                    }
                    System.out.println(s);
                }
            }
        }
    }
}

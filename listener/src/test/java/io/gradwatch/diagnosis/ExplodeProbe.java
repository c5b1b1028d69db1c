package io.gradwatch.diagnosis;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;

@EnabledIfSystemProperty(named = "probe", matches = "true")
class ExplodeProbe {
    @Test
    void probe() {
        for (Activation act : new Activation[]{Activation.IDENTITY, Activation.LEAKYRELU})
        for (double lr : new double[]{3, 30}) {
            MultiLayerNetwork net = TestNetworks.mlp(7, 16, new int[]{32, 32, 32}, 4, act, lr);
            RecordingSink sink = new RecordingSink();
            GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(0).sink(sink).build();
            net.addListeners(l);
            DataSet d = TestNetworks.data(3, 64, 16, 4);
            for (int i = 0; i < 30; i++) net.fit(d);
            l.close();
            System.out.println("=== " + act + " lr " + lr);
            for (StepReport r : sink.reports) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "it %2d loss %.3g norm %.2e |", r.iteration(), r.loss(), r.gradientTotalNorm()));
                for (ParameterReport p : r.parameters()) {
                    if (p.parameter().equals("W")) s.append(String.format(Locale.ROOT, " %s %.1e nf%d/%d", p.layer(), p.gradient().rms(), p.gradient().nanCount() + p.gradient().infCount(), p.weights().nanCount() + p.weights().infCount()));
                }
                s.append(" | ").append(r.diagnosis().started().stream().map(v -> v.key()).toList());
                System.out.println(s);
            }
        }
    }
}

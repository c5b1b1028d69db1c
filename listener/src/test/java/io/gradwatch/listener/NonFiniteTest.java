package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NaN and Inf are counted and shown as such, never dropped, and the monitor keeps running. */
@ExpectedErrorOutput("the non-finite verdict this test provokes")
class NonFiniteTest {

    @Test
    void whenInputHoldsNaN_gradientNaNsAreCountedPerParameter() {
        MultiLayerNetwork net = TestNetworks.mlp(31);
        DataSet data = TestNetworks.data(31, 16, 12, 3);
        data.getFeatures().putScalar(new int[]{0, 0}, Float.NaN);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        net.addListeners(l);
        net.fit(data);
        net.fit(data);
        l.close();
        assertEquals(2, sink.reports.size(), "reports keep coming after NaN");
        StepReport r = sink.reports.get(0);
        ParameterReport w0 = r.parameter("layer0", "W");
        // one NaN input feature poisons exactly the 16 weights it multiplies into
        assertEquals(16, w0.gradient().nanCount());
        assertTrue(Double.isNaN(w0.gradient().rms()));
        assertTrue(Double.isNaN(r.gradientTotalNorm()));
        assertEquals(16, w0.gradientHistogram().nanCount());
        assertEquals(w0.gradient().count() - 16, w0.gradientHistogram().finiteCount());
        assertTrue(Double.isNaN(r.loss()) || r.activations().get(0).stats().nanCount() > 0,
                "the forward pass shows the NaN too");
    }
}

package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.*;

class SmokeTest {
    @Test
    void smoke() {
        MultiLayerNetwork net = TestNetworks.mlp(1);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(2).sink(sink).log(0).build();
        net.addListeners(l);
        DataSet d = TestNetworks.data(1, 32, 12, 3);
        for (int i = 0; i < 4; i++) net.fit(d);
        l.close();
        assertEquals(4, sink.reports.size());
        StepReport r = sink.reports.get(0);
        System.out.println(sink.sessions.get(0));
        System.out.println(r);
        for (var p : r.parameters()) System.out.println(p.name() + " " + p.gradient() + " ratio " + p.updateRatio());
        for (var a : r.activations()) System.out.println(a);
    }
}

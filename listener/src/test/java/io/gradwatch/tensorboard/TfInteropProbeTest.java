package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;

class TfInteropProbeTest {
    @Test
    void probe(@TempDir Path tmp) throws Exception {
        Path p = Path.of(getClass().getResource("/tensorboard/reference.tfevents").toURI());
        var o = TfInterop.read(List.of(p), tmp).get(0);
        System.out.println("records " + o.records().size() + " " + o.error());
        System.out.println(org.tensorflow.proto.Event.parseFrom(o.records().get(0)));
    }
}

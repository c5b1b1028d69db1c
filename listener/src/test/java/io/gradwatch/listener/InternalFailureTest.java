package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.StderrCapture;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever goes wrong inside gradwatch stays there: DL4J's callbacks never see an exception. */
class InternalFailureTest {

    @Test
    void whenTheModelCannotBeRead_callbacksDoNotThrow_andMonitoringStopsAfterTheFirstFailure() {
        AtomicInteger calls = new AtomicInteger();
        // a Model whose every method fails, as an unsupported or broken model would
        Model broken = (Model) Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[]{Model.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals")
                                ? proxy == args[0] : "broken model";
                    }
                    calls.incrementAndGet();
                    throw new IllegalStateException("cannot read " + method.getName());
                });
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        StderrCapture err = StderrCapture.start();
        try (err) {
            assertDoesNotThrow(() -> {
                for (int i = 0; i < 3; i++) {
                    l.onForwardPass(broken, List.of());
                    l.onGradientCalculation(broken);
                    l.iterationDone(broken, i, 0);
                }
            });
            l.close();
        }
        assertEquals(1, calls.get(), "after the first failure gradwatch stops touching the model");
        assertTrue(sink.reports.isEmpty());
        assertTrue(sink.closed, "the sinks still close normally");
        assertEquals(1, err.count("gradwatch stopped monitoring worker 0 after an internal error"), err.text());
        assertTrue(err.text().contains("cannot read"), "the log carries the cause: " + err.text());
    }
}

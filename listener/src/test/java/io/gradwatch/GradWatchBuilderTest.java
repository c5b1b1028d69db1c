package io.gradwatch;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.GradientScale;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options fail at once, with a message that names the fix. */
class GradWatchBuilderTest {

    @Test
    void every_zero_isRejectedWithTheMinimum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradWatch.builder().every(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void histogramsEvery_negative_explainsHowToSwitchOff() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().histogramsEvery(-1));
        assertTrue(e.getMessage().contains("0 to switch histograms off"), e.getMessage());
    }

    @Test
    void layers_invalidRegex_namesThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradWatch.builder().layers("layer(0"));
        assertTrue(e.getMessage().contains("layer(0") && e.getMessage().contains("regular expression"), e.getMessage());
    }

    @Test
    void ui_portOutOfRange_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradWatch.builder().ui(70000));
        assertTrue(e.getMessage().contains("0 (any free port)"), e.getMessage());
    }

    @Test
    void ui_withoutUiModuleOnClasspath_namesTheArtifactToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradWatch.builder().ui().build());
        assertTrue(e.getMessage().contains("io.gradwatch:gradwatch-ui"), e.getMessage());
    }

    @Test
    void uiStorage_withoutUi_isRejectedAtBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().uiStorage(new java.io.File("x")).build());
        assertTrue(e.getMessage().contains("call ui()"), e.getMessage());
    }

    @Test
    void tensorBoard_twice_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().tensorBoard("runs/a").tensorBoard("runs/b"));
        assertTrue(e.getMessage().contains("runs/a"), e.getMessage());
    }

    @Test
    void anyValuedOption_setTwice_isRejectedNamingIt() {
        List<Consumer<GradWatchBuilder>> twice = List.of(b -> b.every(2).every(3), b -> b.histogramsEvery(0)
                        .histogramsEvery(5), b -> b.layers("a").layers("b"), b -> b.updates(false).updates(true),
                b -> b.sessionId("a").sessionId("b"), b -> b.log().log(5), b -> b.ui(0).ui(1),
                b -> b.maxWait(Duration.ofSeconds(1)).maxWait(Duration.ofSeconds(2)),
                b -> b.maxBufferBytes(1).maxBufferBytes(2), b -> b.gradientScale(GradientScale.RAW_SUM)
                        .gradientScale(GradientScale.MEAN_LOSS));
        List<String> names = List.of("every", "histogramsEvery", "layers", "updates", "sessionId", "log", "ui",
                "maxWait", "maxBufferBytes", "gradientScale");
        for (int i = 0; i < twice.size(); i++) {
            Consumer<GradWatchBuilder> calls = twice.get(i);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> calls.accept(GradWatch.builder()));
            assertTrue(e.getMessage().startsWith(names.get(i) + "(...) was already set"), e.getMessage());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().noDiagnosis().diagnoser(Diagnoser::disabled));
        assertTrue(e.getMessage().contains("diagnosis was already chosen"), e.getMessage());
    }

    @Test
    void hparams_ofUnsupportedType_namesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().hparams(Map.of("optimizer", new Object())));
        assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
    }

    @Test
    void hparamsMetrics_blankOrRepeated_isRejectedNamingTheMetric() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().hparamsMetrics("validation/accuracy", " "));
        assertTrue(blank.getMessage().contains("must not be null or blank"), blank.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> GradWatch.builder().hparamsMetrics("validation/loss").hparamsMetrics("validation/loss"));
        assertTrue(twice.getMessage().contains("\"validation/loss\" is named twice"), twice.getMessage());
    }

    @Test
    void sessionId_blank_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradWatch.builder().sessionId(" "));
    }

    @Test
    void build_defaults_areDocumentedValues() {
        GradWatchListener l = GradWatch.builder().build();
        try {
            GradWatchConfig c = l.config();
            assertEquals(GradWatchBuilder.DEFAULT_EVERY, c.every());
            assertEquals(GradWatchBuilder.DEFAULT_HISTOGRAMS_EVERY, c.histogramsEvery());
            assertTrue(c.monitors("layer7/W") && c.monitors("layer7/activations"));
            assertTrue(c.sessionId().startsWith("gradwatch-"));
        } finally {
            l.close();
        }
    }

    @Test
    void config_layersPattern_matchesFromTheStartLikeMxnetMonitor() {
        GradWatchListener l = GradWatch.builder().layers("layer1/").build();
        try {
            assertTrue(l.config().monitors("layer1/W"));
            assertTrue(!l.config().monitors("layer11/W") && !l.config().monitors("xlayer1/W"));
        } finally {
            l.close();
        }
    }
}

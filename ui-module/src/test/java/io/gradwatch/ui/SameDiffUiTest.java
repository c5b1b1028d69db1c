package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.ReferenceMlp;
import io.gradwatch.testing.SameDiffMlp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's line on a SameDiff model: the UI lists the session with its seven layers in order. */
class SameDiffUiTest {

    @Test
    void sameDiffMlp_uiShowsTheSessionWithItsLayersInOrder() {
        SameDiff sd = SameDiffMlp.build(ReferenceMlp.Init.XAVIER, SameDiffMlp.Activation.SIGMOID, 2);
        GradWatchListener l = GradWatch.builder().sessionId("samediff-mlp").every(1).histogramsEvery(1).ui(0).build();
        sd.addListeners(l);
        for (DataSet d : ReferenceMlp.randomBatches(2, 3, 16)) {
            sd.fit(d);
        }
        l.close();
        Http http = new Http(GradWatchUi.server(0).getPort());

        JsonArray sessions = http.get("/gradients/api/sessions").json().getJsonArray("sessions");
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(((JsonObject) s).getString("id")));
        assertTrue(ids.contains("samediff-mlp"), ids.toString());

        JsonArray layers = http.get("/gradients/api/layers", Map.of("session", "samediff-mlp")).json()
                .getJsonArray("layers");
        List<String> names = new ArrayList<>();
        layers.forEach(o -> names.add(((JsonObject) o).getString("name")));
        assertEquals(List.of("layer0", "layer1", "layer2", "layer3", "layer4", "layer5", "layer6"), names);
        assertEquals("sigmoid", layers.getJsonObject(0).getString("activation"));

        JsonObject depth = http.get("/gradients/api/depth", Map.of("session", "samediff-mlp", "iteration", "2")).json();
        assertEquals(2, depth.getLong("iteration"));
        JsonObject values = depth.getJsonObject("values");
        for (int layer = 0; layer < 7; layer++) {
            for (String param : List.of("W", "b")) {
                String key = "gradients/layer" + layer + "/" + param + "/rms";
                assertTrue(values.containsKey(key), key + " missing from " + values.fieldNames());
                assertTrue(values.getDouble(key) > 0, key + " = " + values.getValue(key));
            }
            assertTrue(values.containsKey("activations/layer" + layer + "/rms"),
                    "activations of layer" + layer + " missing from " + values.fieldNames());
        }
        assertFalse(values.containsKey("gradients/layer7/W/rms"), "seven layers, no more");
        assertEquals(200, http.get("/gradients").status());
    }
}

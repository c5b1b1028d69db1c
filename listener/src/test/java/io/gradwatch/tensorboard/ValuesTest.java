package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our encoders against the values TensorFlow wrote into the reference file. */
class ValuesTest {

    @Test
    void text_equalsTensorFlowsTextValue() throws Exception {
        Summary.Value tf = Reference.value("notes", 0);
        byte[] ours = Values.text("notes", "**reference** file written by tbcheck");
        assertEquals(tf, Summary.Value.parseFrom(ours));
    }

    @Test
    void customScalarsLayout_equalsTensorFlowsLayout() throws Exception {
        Summary.Value tf = Reference.value("custom_scalars__config__", 0);
        CustomScalarsLayout layout = new CustomScalarsLayout(List.of(new CustomScalarsLayout.Category("training",
                List.of(new CustomScalarsLayout.Chart("loss and accuracy", List.of("loss", "accuracy"))), false)));
        assertArrayEquals(tf.getTensor().getStringVal(0).toByteArray(), layout.encode());
        assertEquals(tf, Summary.Value.parseFrom(Values.customScalars(layout.encode())));
    }

    @Test
    void sessionStartInfo_equalsTensorFlowsHParamsContent() throws Exception {
        Summary.Value tf = Reference.value("_hparams_/session_start_info", 0);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", "adam");
        hp.put("lr", 0.01);
        byte[] content = HParams.sessionStart(hp, "reference-trial", 1700000000);
        assertArrayEquals(tf.getMetadata().getPluginData().getContent().toByteArray(), content);
        assertEquals(tf, Summary.Value.parseFrom(Values.hparams("_hparams_/session_start_info", content)));
    }

    @Test
    void sessionEndInfo_equalsTensorFlowsHParamsContent() throws Exception {
        Summary.Value tf = Reference.value("_hparams_/session_end_info", 5);
        byte[] content = HParams.sessionEnd(HParams.STATUS_SUCCESS, 1700000060);
        assertArrayEquals(tf.getMetadata().getPluginData().getContent().toByteArray(), content);
    }

    @Test
    void histogram_equalsTensorFlowsHistogramValue_forTheReferenceHistograms() throws Exception {
        for (long step : new long[]{0, 1}) {
            Summary.Value tf = Reference.value("layer1/grad", step);
            HistogramProto p = tf.getHisto();
            HistogramData h = new HistogramData(p.getMin(), p.getMax(), p.getNum(), p.getSum(), p.getSumSquares(),
                    p.getBucketLimitList().stream().mapToDouble(Double::doubleValue).toArray(),
                    p.getBucketList().stream().mapToDouble(Double::doubleValue).toArray());
            assertEquals(tf, Summary.Value.parseFrom(Values.histogram("layer1/grad", h)), "step " + step);
        }
    }
}

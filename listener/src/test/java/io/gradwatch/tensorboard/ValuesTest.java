package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;
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
    void tensorHistogram_equalsTensorFlowsLayout() throws Exception {
        Summary.Value tf = Reference.value("layer1/grad_v2", 0);
        java.nio.ByteBuffer b = tf.getTensor().getTensorContent().asReadOnlyByteBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[][] rows = new double[30][3];
        for (double[] r : rows) {
            r[0] = b.getDouble();
            r[1] = b.getDouble();
            r[2] = b.getDouble();
        }
        assertEquals(tf, Summary.Value.parseFrom(Values.tensorHistogram("layer1/grad_v2", rows)));
    }

    @Test
    void tensorHistogram_ofReferenceArrays_isBitIdenticalToTensorFlows() throws Exception {
        assertEquals(Reference.value("layer1/grad_v2", 0).getTensor(), Summary.Value.parseFrom(
                Values.tensorHistogram("t", TensorHistogram.rows(Reference.linear(), 30))).getTensor());
        assertEquals(Reference.value("layer1/grad_v2", 1).getTensor(), Summary.Value.parseFrom(
                Values.tensorHistogram("t", TensorHistogram.rows(Reference.cubes(), 30))).getTensor());
    }

    @Test
    void tensorHistogram_ofEqualValues_putsAllInTheLastRow_andOfNoValuesIsZeros() {
        double[][] same = TensorHistogram.rows(new double[]{2, 2, 2, Double.NaN}, 3);
        assertArrayEquals(new double[]{2, 2, 0}, same[0]);
        assertArrayEquals(new double[]{2, 2, 3}, same[2]);
        assertArrayEquals(new double[]{0, 0, 0}, TensorHistogram.rows(new double[0], 3)[1]);
    }
}

package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden vectors of shared/tensorboard/SPEC.md section 2. */
class TfRecordWriterTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[^0-9a-f]", ""));
    }

    @Test
    void crc32c_ofCheckString_isE3069283() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, TfRecordWriter.crc32c(b, 0, b.length));
    }

    @Test
    void mask_ofCheckValue_isRotatedPlusDelta_andUnmasks() {
        int crc = 0xE3069283;
        int expected = (int) ((((crc & 0xFFFFFFFFL) >>> 15 | (crc & 0xFFFFFFFFL) << 17) + 0xa282ead8L) & 0xFFFFFFFFL);
        assertEquals(expected, TfRecordWriter.mask(crc));
        // by hand: (0xE3069283 >>> 15) = 0x0001C60D, (0xE3069283 << 17) = 0x25060000, OR = 0x2507C60D, + 0xA282EAD8
        assertEquals(0xC78AB0E5, TfRecordWriter.mask(crc));
        assertEquals(crc, TfRecordWriter.unmask(TfRecordWriter.mask(crc)));
    }

    @Test
    void frame_fileVersionEvent_matchesGoldenRecordByteForByte() {
        byte[] golden = hex("18 00 00 00 00 00 00 00 | a3 7f 4b 22 | 09 00 00 00 40 fc 54 d9 41 1a 0d 62 72 61 69 6e "
                + "2e 45 76 65 6e 74 3a 32 | ec ed 8f 9d");
        byte[] event = Events.fileVersion(1700000000.0, null);
        assertEquals(24, event.length);
        assertArrayEquals(golden, TfRecordWriter.frame(event));
    }

    @Test
    void frame_lossScalarEvent_matchesGoldenRecordByteForByte() {
        byte[] golden = hex("1a 00 00 00 00 00 00 00 | 12 9b d8 2d | 09 00 00 60 40 fc 54 d9 41 10 03 2a 0d 0a 0b 0a "
                + "04 6c 6f 73 73 15 00 00 80 3e | c6 14 c6 e7");
        byte[] event = Events.summary(1700000001.5, 3, List.of(Values.scalar("loss", 0.25f)));
        assertEquals(26, event.length);
        assertArrayEquals(golden, TfRecordWriter.frame(event));
    }

    @Test
    void scalar_ofZero_isStillWritten() {
        // simple_value is a oneof member: proto3 writes it even when it is 0, or TensorBoard sees no value
        byte[] v = Values.scalar("x", 0f);
        assertArrayEquals(hex("0a 01 78 15 00 00 00 00"), v);
    }
}

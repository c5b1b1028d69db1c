package io.gradwatch.stats;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading a (direct, native) buffer in bulk chunks gives exactly what the array path gives for the same values. */
class BufferStatisticsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16_384, 16_387, 50_001})
    void aDirectBufferRange_analysesLikeTheSameValuesInAnArray(int length) {
        int offset = 5; // a range that does not start at the buffer's first value
        float[] values = new float[offset + length + 3];
        Random r = new Random(length);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(8)));
        }
        values[offset] = 0f;
        values[offset + length - 1] = -0f;
        if (length > 16_384) {
            values[offset + 16_384] = Float.NaN; // right after the first chunk
            values[offset + 100] = Float.NEGATIVE_INFINITY;
            values[offset + 101] = Float.MIN_VALUE; // subnormal
        }
        FloatBuffer buffer = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(values);
        buffer.position(3); // the pass reads absolute indices and leaves the position alone

        for (boolean histogram : new boolean[]{false, true}) {
            Statistics.Analysis fromArray = Statistics.analyse(values, offset, offset + length, 0.5f, histogram);
            Statistics.Analysis fromBuffer = Statistics.analyse(buffer, offset, offset + length, 0.5f, histogram);
            assertEquals(fromArray, fromBuffer, "length " + length + ", histogram " + histogram);
        }
        assertEquals(3, buffer.position());
    }
}

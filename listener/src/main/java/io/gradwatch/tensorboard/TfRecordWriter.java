package io.gradwatch.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, and nothing else. Each record is
 * <pre>
 *   uint64 length             (little endian)
 *   uint32 masked CRC-32C of the 8 length bytes
 *   byte   data[length]
 *   uint32 masked CRC-32C of data
 * </pre>
 * with the CRC-32C (Castagnoli) of {@link java.util.zip.CRC32C} and TensorFlow's mask
 * {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. There is no file header or footer.
 */
public final class TfRecordWriter {

    /** Bytes a record adds around its payload: length, two CRCs. */
    public static final int OVERHEAD = 8 + 4 + 4;

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecordWriter() {
    }

    /** CRC-32C of {@code b[off, off + len)}. */
    public static int crc32c(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }

    /** TensorFlow's masked form of a CRC, so that CRCs of data containing CRCs stay well distributed. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The inverse of {@link #mask(int)}. */
    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }

    /** Size of the framed record of a payload of {@code payloadLength} bytes. */
    public static int framedLength(int payloadLength) {
        return payloadLength + OVERHEAD;
    }

    /** The framed record of {@code payload}. */
    public static byte[] frame(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(framedLength(payload.length));
        frame(payload, out);
        return out.array();
    }

    /**
     * Appends the framed record of {@code payload} to {@code out}, which needs
     * {@link #framedLength(int)} bytes remaining. The buffer's byte order is left as it was.
     */
    public static void frame(byte[] payload, ByteBuffer out) {
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN);
        int start = out.position();
        out.putLong(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(start + 8));
        out.putInt(mask((int) crc.getValue()));
        out.put(payload);
        crc.reset();
        crc.update(payload, 0, payload.length);
        out.putInt(mask((int) crc.getValue()));
        out.order(order);
    }
}

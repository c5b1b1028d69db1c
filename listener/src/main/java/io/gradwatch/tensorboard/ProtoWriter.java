package io.gradwatch.tensorboard;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds one protobuf message with protobuf-java's {@link CodedOutputStream}, following proto3's
 * rules: scalar fields equal to their default (0, empty) are omitted, repeated doubles are packed.
 * Nested messages are built with their own ProtoWriter and added as bytes.
 */
final class ProtoWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);

    ProtoWriter doubleField(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0L) {
            run(() -> out.writeDouble(field, value));
        }
        return this;
    }

    /** A float written even when 0 (a oneof member or a repeated element). */
    ProtoWriter repeatedFloat(int field, float value) {
        run(() -> out.writeFloat(field, value));
        return this;
    }

    /** A double written even when 0 (a oneof member or a repeated element). */
    ProtoWriter repeatedDouble(int field, double value) {
        run(() -> out.writeDouble(field, value));
        return this;
    }

    /** A varint written even when 0 (a oneof member or a repeated element). */
    ProtoWriter repeatedVarint(int field, long value) {
        run(() -> out.writeUInt64(field, value));
        return this;
    }

    ProtoWriter int64Field(int field, long value) {
        if (value != 0L) {
            run(() -> out.writeInt64(field, value));
        }
        return this;
    }

    ProtoWriter int32Field(int field, int value) {
        if (value != 0) {
            run(() -> out.writeInt32(field, value));
        }
        return this;
    }

    ProtoWriter boolField(int field, boolean value) {
        if (value) {
            run(() -> out.writeBool(field, true));
        }
        return this;
    }

    ProtoWriter stringField(int field, String value) {
        if (value != null && !value.isEmpty()) {
            bytesField(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A string that is written even when empty (an element of a repeated field). */
    ProtoWriter repeatedString(int field, String value) {
        return repeatedBytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytesField(int field, byte[] value) {
        if (value != null && value.length > 0) {
            repeatedBytes(field, value);
        }
        return this;
    }

    /** Bytes written even when empty: an element of a repeated field, or a present empty sub-message. */
    ProtoWriter repeatedBytes(int field, byte[] value) {
        run(() -> out.writeByteArray(field, value));
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return repeatedBytes(field, message.toByteArray());
    }

    ProtoWriter packedDoubles(int field, double[] values) {
        if (values.length > 0) {
            run(() -> {
                out.writeTag(field, 2);
                out.writeUInt32NoTag(values.length * 8);
                for (double v : values) {
                    out.writeDoubleNoTag(v);
                }
            });
        }
        return this;
    }

    byte[] toByteArray() {
        run(out::flush);
        return bytes.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
    }
}

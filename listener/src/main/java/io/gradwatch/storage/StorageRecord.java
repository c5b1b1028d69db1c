package io.gradwatch.storage;

import org.deeplearning4j.core.storage.Persistable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * gradwatch's one encoding of a DL4J storage record ({@link Persistable}), for the UI's records and for Spark's
 * executor-to-driver records alike: a format version, the storage key (session, worker, timestamp), then the
 * body a subclass writes in {@link #write} and reads back in {@link #read}. Subclasses keep a public
 * no-argument constructor: DL4J's storages and receivers re-create records by class name, then call decode.
 */
public abstract class StorageRecord implements Persistable {

    private static final long serialVersionUID = 1L;

    /** Bumped when the layout changes; decode rejects other versions with a plain message. */
    public static final int FORMAT_VERSION = 3;

    private String sessionId;
    private String workerId;
    private long timestamp;

    /** Sets the storage key. */
    public final void key(String sessionId, String workerId, long timestamp) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
    }

    /** Writes the body, after the key. */
    protected abstract void write(DataOutputStream out) throws IOException;

    /** Reads the body {@link #write} wrote. */
    protected abstract void read(DataInputStream in) throws IOException;

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_VERSION);
            writeString(out, sessionId);
            writeString(out, workerId);
            out.writeLong(timestamp);
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        outputStream.write(encode());
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("gradwatch record format " + version + " is not readable by this gradwatch "
                    + "(format " + FORMAT_VERSION + "); use the gradwatch version that wrote it");
        }
        sessionId = readString(in);
        workerId = readString(in);
        timestamp = in.readLong();
        read(in);
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /** A UTF-8 string with its length, or -1 for null. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** A string {@link #writeString} wrote (interned: records repeat the same few names). */
    public static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8).intern();
    }
}

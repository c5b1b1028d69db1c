package io.gradwatch.ui;

import io.gradwatch.report.Verdict;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A DL4J {@link Persistable} of gradwatch's type: the storage key (session, worker, timestamp) is kept
 * and encoded here, the rest of the bytes are written by {@link #write(DataOutputStream)} and read back
 * by {@link #read(DataInputStream)}. Subclasses keep a public no-argument constructor: DL4J's
 * FileStatsStorage and remote receiver re-create records by class name, then call {@code decode}.
 */
abstract class BinaryRecord implements Persistable {

    private static final long serialVersionUID = 1L;

    String sessionId;
    String workerId;
    long timestamp;

    /** Bumped when the layout changes; decode rejects other versions with a plain message. */
    static final int FORMAT_VERSION = 2;

    abstract void write(DataOutputStream out) throws IOException;

    abstract void read(DataInputStream in) throws IOException;

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
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            throw new IOException("gradwatch record format " + version + " is not readable by this gradwatch-ui "
                    + "(format " + FORMAT_VERSION + "); use the gradwatch-ui version that wrote it");
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
    public String getTypeID() {
        return GradWatchUi.TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8).intern();
    }

    static void writeVerdicts(DataOutputStream out, List<Verdict> vs) throws IOException {
        out.writeInt(vs.size());
        for (Verdict v : vs) {
            writeString(out, v.problem().name());
            writeString(out, v.severity().name());
            writeString(out, v.layer());
            writeString(out, v.parameter());
            out.writeLong(v.firstIteration());
            out.writeDouble(v.measured());
            writeString(out, v.message());
        }
    }

    static List<Verdict> readVerdicts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return List.of();
        }
        List<Verdict> vs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String problem = readString(in);
            String severity = readString(in);
            String layer = readString(in);
            String param = readString(in);
            long first = in.readLong();
            double measured = in.readDouble();
            String message = readString(in);
            vs.add(new Verdict(Verdict.Problem.valueOf(problem), Verdict.Severity.valueOf(severity), layer, param, first, measured, message));
        }
        return List.copyOf(vs);
    }
}

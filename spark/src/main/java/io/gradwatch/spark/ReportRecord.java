package io.gradwatch.spark;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import org.deeplearning4j.core.storage.Persistable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One executor's {@link SessionInfo} or {@link StepReport} on its way to the driver, as a DL4J
 * {@link Persistable}: the form DL4J's Spark training masters carry listener reports in. The value is
 * kept Java-serialised ({@link #payload()}) so that a record can also travel as {@link #encode()}d bytes.
 */
public final class ReportRecord implements Persistable {

    private static final long serialVersionUID = 1L;
    /** DL4J storage type id of these records. */
    public static final String TYPE_ID = "GradWatchSpark";

    private String sessionId;
    private String workerId;
    private long timestamp;
    private byte[] payload;

    /** For decoding. */
    public ReportRecord() {
    }

    private ReportRecord(String sessionId, String workerId, long timestamp, Serializable value) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.payload = serialise(value);
    }

    static ReportRecord of(SessionInfo session) {
        return new ReportRecord(session.sessionId(), session.workerId(), session.startTimeMillis(), session);
    }

    static ReportRecord of(StepReport report) {
        return new ReportRecord(report.sessionId(), report.workerId(), report.timestampMillis(), report);
    }

    /** The carried SessionInfo or StepReport. */
    Object payload() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("gradwatch: a report record from worker " + workerId + " is corrupt", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("gradwatch: the driver and the executors run different gradwatch "
                    + "versions (" + e.getMessage() + " unknown); deploy one gradwatch-spark jar to both", e);
        }
    }

    private static byte[] serialise(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("gradwatch: cannot serialise " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeUTF(sessionId);
        out.writeUTF(workerId);
        out.writeLong(timestamp);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("gradwatch: a report record is corrupt", e);
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
        sessionId = in.readUTF();
        workerId = in.readUTF();
        timestamp = in.readLong();
        int length = in.readInt();
        payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new IOException("report record truncated: " + payload.length + " of " + length + " bytes");
        }
    }
}

package io.gradwatch.spark;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.storage.StorageRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * One executor's {@link SessionInfo} or {@link StepReport} on its way to the driver, as a DL4J storage record
 * (the form DL4J's Spark training masters carry listener reports in), in gradwatch's one record encoding
 * ({@link StorageRecord}). The value is kept Java-serialised ({@link #payload()}) as the record's body.
 */
public final class ReportRecord extends StorageRecord {

    private static final long serialVersionUID = 2L;
    /** DL4J storage type id of these records. */
    public static final String TYPE_ID = "GradWatchSpark";

    private byte[] payload;

    /** For decoding. */
    public ReportRecord() {
    }

    private ReportRecord(String sessionId, String workerId, long timestamp, Serializable value) {
        key(sessionId, workerId, timestamp);
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
            throw new UncheckedIOException("gradwatch: a report record from worker " + getWorkerID() + " is corrupt", e);
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
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    protected void write(DataOutputStream out) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    @Override
    protected void read(DataInputStream in) throws IOException {
        int length = in.readInt();
        payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new IOException("report record truncated: " + payload.length + " of " + length + " bytes");
        }
    }
}

package io.gradwatch.tensorboard;

import java.util.List;

/**
 * Pure encoders of TensorBoard's {@code Event} proto (event.proto): the file-version event that
 * opens every file and the summary events that carry values. Fields: wall_time (1, double seconds),
 * step (2), file_version (3), summary (5), source_metadata (10).
 */
final class Events {

    /** The version string TensorBoard's loaders expect in the first record of a file. */
    static final String FILE_VERSION = "brain.Event:2";

    private Events() {
    }

    /** {@code Event{wall_time, file_version:"brain.Event:2", source_metadata{writer}}}; writer may be null. */
    static byte[] fileVersion(double wallTimeSecs, String writer) {
        ProtoWriter event = new ProtoWriter().doubleField(1, wallTimeSecs).stringField(3, FILE_VERSION);
        if (writer != null) {
            event.message(10, new ProtoWriter().stringField(1, writer));
        }
        return event.toByteArray();
    }

    /** {@code Event{wall_time, step, summary{value...}}}, each element of {@code values} a serialized Summary.Value. */
    static byte[] summary(double wallTimeSecs, long step, List<byte[]> values) {
        ProtoWriter summary = new ProtoWriter();
        for (byte[] v : values) {
            summary.repeatedBytes(1, v);
        }
        return new ProtoWriter().doubleField(1, wallTimeSecs).int64Field(2, step).message(5, summary).toByteArray();
    }
}

package io.gradwatch.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strict reader of event files for tests: checks the framing, both masked CRC-32Cs of every
 * record, the first record ({@code brain.Event:2}), wall times in seconds, non-negative steps,
 * no unknown fields in Event, Summary and Value, and the invariants of every histogram (equal
 * non-empty lengths, strictly increasing limits, non-negative counts summing to num, min &lt;= max,
 * no NaN or infinity anywhere). Any violation is an AssertionError naming the file and offset.
 *
 * <p>A torn tail, i.e. a last record whose header or body extends past the end of the file, is
 * what a writer killed in mid-write can leave: it is reported ({@link Result#tornTailBytes()}) and
 * is an error unless the caller allows it. A complete record with a wrong CRC is always an error.
 */
final class StrictEventReader {

    /** The events of one file, and the size of an incomplete record at its end (0 if none). */
    record Result(Path file, List<Event> events, List<byte[]> payloads, int tornTailBytes) {

        /** Every scalar ({@code simple_value}) as tag -> step -> value. */
        Map<String, Map<Long, Float>> scalars() {
            Map<String, Map<Long, Float>> out = new TreeMap<>();
            for (Event e : events) {
                for (Summary.Value v : e.getSummary().getValueList()) {
                    if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
                        out.computeIfAbsent(v.getTag(), t -> new TreeMap<>()).put(e.getStep(), v.getSimpleValue());
                    }
                }
            }
            return out;
        }

        /** Every histogram as tag -> step -> proto. */
        Map<String, Map<Long, HistogramProto>> histograms() {
            Map<String, Map<Long, HistogramProto>> out = new TreeMap<>();
            for (Event e : events) {
                for (Summary.Value v : e.getSummary().getValueList()) {
                    if (v.hasHisto()) {
                        out.computeIfAbsent(v.getTag(), t -> new TreeMap<>()).put(e.getStep(), v.getHisto());
                    }
                }
            }
            return out;
        }

        /** Every value with this tag, in file order. */
        List<Summary.Value> values(String tag) {
            List<Summary.Value> out = new ArrayList<>();
            for (Event e : events) {
                for (Summary.Value v : e.getSummary().getValueList()) {
                    if (v.getTag().equals(tag)) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
    }

    private StrictEventReader() {
    }

    static Result read(Path file) throws IOException {
        return read(file, false);
    }

    static Result read(Path file, boolean allowTornTail) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        java.util.Set<String> pluginTags = new java.util.HashSet<>();
        int torn = 0;
        while (b.hasRemaining()) {
            int offset = b.position();
            if (b.remaining() < 12) {
                torn = b.remaining();
                break;
            }
            byte[] header = new byte[8];
            b.get(header);
            long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int lengthCrc = b.getInt();
            check(lengthCrc == TfRecordWriter.mask(TfRecordWriter.crc32c(header, 0, 8)), file,
                    "corrupted length CRC at offset " + offset);
            check(length >= 0 && length < Integer.MAX_VALUE, file, "absurd length " + length + " at " + offset);
            if (b.remaining() < length + 4) {
                torn = b.remaining() + 12;
                break;
            }
            byte[] data = new byte[(int) length];
            b.get(data);
            int dataCrc = b.getInt();
            check(dataCrc == TfRecordWriter.mask(TfRecordWriter.crc32c(data, 0, data.length)), file,
                    "corrupted data CRC at offset " + (offset + 12));
            Event e;
            try {
                e = Event.parseFrom(data);
            } catch (InvalidProtocolBufferException ex) {
                throw new AssertionError(file + ": record at " + offset + " is not an Event: " + ex.getMessage());
            }
            checkEvent(file, offset, events.isEmpty(), e, pluginTags);
            events.add(e);
            payloads.add(data);
        }
        check(torn == 0 || allowTornTail, file, "torn tail of " + torn + " bytes at the end of the file");
        check(!events.isEmpty(), file, "no records");
        return new Result(file, events, payloads, torn);
    }

    private static void checkEvent(Path file, int offset, boolean first, Event e, java.util.Set<String> pluginTags) {
        String at = "record at " + offset;
        check(e.getUnknownFields().asMap().isEmpty(), file, at + " has unknown Event fields " + e.getUnknownFields());
        check(Double.isFinite(e.getWallTime()) && e.getWallTime() > 1e8 && e.getWallTime() < 1e11, file,
                at + ": wall_time " + e.getWallTime() + " is not seconds since the epoch");
        check(e.getStep() >= 0, file, at + ": negative step " + e.getStep());
        if (first) {
            check("brain.Event:2".equals(e.getFileVersion()), file, "first record is not file_version brain.Event:2");
            return;
        }
        check(e.hasSummary(), file, at + " carries no summary");
        check(e.getSummary().getUnknownFields().asMap().isEmpty(), file, at + ": unknown Summary fields");
        for (Summary.Value v : e.getSummary().getValueList()) {
            check(v.getUnknownFields().asMap().isEmpty(), file, at + ": unknown Value fields in " + v.getTag());
            check(!v.getTag().isEmpty(), file, at + ": value without tag");
            check(v.getValueCase() != Summary.Value.ValueCase.VALUE_NOT_SET, file, at + ": " + v.getTag()
                    + " has no value");
            if (v.hasHisto()) {
                checkHistogram(file, at + " " + v.getTag(), v.getHisto());
            }
            if (v.hasMetadata() && !v.getMetadata().getPluginData().getPluginName().isEmpty()) {
                pluginTags.add(v.getTag());
            }
            if (v.hasTensor()) {
                // TensorBoard takes the first value's metadata of a tag as authoritative
                check(pluginTags.contains(v.getTag()), file, at + ": tensor " + v.getTag()
                        + " whose first value has no plugin name (no dashboard would show it)");
            }
        }
    }

    static void checkHistogram(Path file, String where, HistogramProto h) {
        int n = h.getBucketLimitCount();
        check(n > 0 && n == h.getBucketCount(), file, where + ": " + n + " limits, " + h.getBucketCount() + " counts");
        double total = 0;
        for (int i = 0; i < n; i++) {
            double limit = h.getBucketLimit(i);
            double count = h.getBucket(i);
            check(Double.isFinite(limit), file, where + ": limit " + i + " is " + limit);
            check(i == 0 || limit > h.getBucketLimit(i - 1), file, where + ": limits not increasing at " + i);
            check(Double.isFinite(count) && count >= 0, file, where + ": count " + i + " is " + count);
            total += count;
        }
        for (double d : new double[]{h.getMin(), h.getMax(), h.getNum(), h.getSum(), h.getSumSquares()}) {
            check(Double.isFinite(d), file, where + ": non-finite field " + d + " in " + h);
        }
        check(total == h.getNum(), file, where + ": counts sum to " + total + ", num is " + h.getNum());
        if (h.getNum() > 0) {
            check(h.getMin() <= h.getMax(), file, where + ": min " + h.getMin() + " > max " + h.getMax());
            check(h.getSumSquares() >= 0, file, where + ": negative sum of squares");
        } else {
            check(h.getMin() == Double.MAX_VALUE && h.getMax() == -Double.MAX_VALUE, file,
                    where + ": an empty histogram must be encoded as TensorFlow encodes it");
        }
    }

    private static void check(boolean ok, Path file, String message) {
        if (!ok) {
            throw new AssertionError(file + ": " + message);
        }
    }
}

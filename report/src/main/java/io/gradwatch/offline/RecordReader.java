package io.gradwatch.offline;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads the TFRecord framing of one event file: {@code uint64 length, uint32 masked_crc32c(length),
 * data[length], uint32 masked_crc32c(data)}, little endian (docs: /work/shared/tensorboard/SPEC.md §2).
 *
 * <p>Every CRC is checked. A record whose data CRC is wrong is skipped (its length was verified, so
 * the next record is still found); a wrong length CRC or a record cut short ends the file, since
 * nothing after it can be located. Either way the reader says where and why in {@link Result#problem()}
 * and keeps every record before it: a file still being written (a partial last record) is not an error
 * to crash on.
 */
final class RecordReader {

    private static final int MASK_DELTA = 0xa282ead8;

    /** What reading one file gave: records handed on, records skipped, and the first problem (or null). */
    record Result(Path file, long records, long skipped, String problem) {
    }

    private RecordReader() {
    }

    static int maskedCrc(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Hands each intact record's data to {@code records}, in file order. */
    static Result read(Path file, Consumer<byte[]> records) throws IOException {
        long size = Files.size(file);
        long offset = 0;
        long count = 0;
        long skipped = 0;
        StringBuilder problems = new StringBuilder();
        byte[] header = new byte[12];
        byte[] crc = new byte[4];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            while (true) {
                int got = in.readNBytes(header, 0, 12);
                if (got == 0) {
                    break;
                }
                if (got < 12) {
                    return new Result(file, count, skipped, join(problems, "truncated record at byte " + offset
                            + " (" + got + " of 12 header bytes; the file ends there, perhaps still being written)"));
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long length = h.getLong(0);
                if (h.getInt(8) != maskedCrc(header, 0, 8)) {
                    return new Result(file, count, skipped, join(problems, "corrupted record at byte " + offset
                            + " (length CRC mismatch); the " + (size - offset) + " bytes from there on are not read"));
                }
                if (length < 0 || length > size - offset - 16) {
                    return new Result(file, count, skipped, join(problems, "truncated record at byte " + offset
                            + " (needs " + length + " data bytes, the file has " + Math.max(0, size - offset - 16)
                            + " left; perhaps still being written)"));
                }
                byte[] data = in.readNBytes((int) length);
                int footer = in.readNBytes(crc, 0, 4);
                if (data.length < length || footer < 4) {
                    return new Result(file, count, skipped, join(problems, "truncated record at byte " + offset));
                }
                if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc(data, 0, data.length)) {
                    skipped++;
                    if (skipped == 1) {
                        join(problems, "corrupted record at byte " + offset + " (data CRC mismatch), skipped");
                    }
                } else {
                    records.accept(data);
                    count++;
                }
                offset += 16 + length;
            }
        }
        if (skipped > 1) {
            join(problems, skipped + " corrupted records skipped in all");
        }
        return new Result(file, count, skipped, problems.length() == 0 ? null : problems.toString());
    }

    private static String join(StringBuilder problems, String problem) {
        if (problems.length() > 0) {
            problems.append("; ");
        }
        return problems.append(problem).toString();
    }
}

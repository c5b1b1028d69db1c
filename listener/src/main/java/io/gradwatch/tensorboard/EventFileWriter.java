package io.gradwatch.tensorboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One run's events file: names it {@code events.out.tfevents.<10-digit secs>.<host>.<pid>.<n>}, writes
 * the {@code brain.Event:2} record first, then frames every event into a buffer that {@link #flush()}
 * hands to the OS in whole records. Used by one thread only (the async writer's).
 *
 * <p>Faults never escape and never corrupt the file: when a write fails (disk full, I/O error), the
 * failure is logged once and counted, the events of the failed batch are counted as lost, and the
 * file is truncated back to the end of its last complete record, so everything flushed before stays
 * readable and later records follow intact ones. If even the truncation fails, the file is left as it
 * is and the next write opens a fresh file (which sorts after it).
 */
final class EventFileWriter implements AutoCloseable {

    /** Opens a new file for writing. The seam through which tests simulate a full disk. */
    interface ChannelOpener {
        SeekableByteChannel open(Path file) throws IOException;
    }

    static final ChannelOpener FILES = f -> FileChannel.open(f, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    /** Buffered bytes beyond which records go to the OS before the next flush. */
    static final int SPILL_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    private static final AtomicInteger FILE_COUNTER = new AtomicInteger();

    private final Path dir;
    private final String writerName;
    private final ChannelOpener opener;
    private final LongSupplier wallMillis;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lostEvents = new AtomicLong();
    private final AtomicLong writtenEvents = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    private SeekableByteChannel channel;
    private Path file;
    private long committed;
    private ByteBuffer pending = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private int pendingEvents;

    private EventFileWriter(Path dir, String writerName, ChannelOpener opener, LongSupplier wallMillis) {
        this.dir = dir;
        this.writerName = writerName;
        this.opener = opener;
        this.wallMillis = wallMillis;
    }

    /** Opens the first file of {@code dir} at once, so that a directory that cannot be written fails here. */
    static EventFileWriter open(Path dir, String writerName, ChannelOpener opener, LongSupplier wallMillis)
            throws IOException {
        EventFileWriter w = new EventFileWriter(dir, writerName, opener, wallMillis);
        w.openNewFile();
        return w;
    }

    /** Frames {@code event} (a serialized Event) into the buffer; spills whole records to the OS when it is large. */
    void append(byte[] event) {
        int need = TfRecordWriter.framedLength(event.length);
        if (pending.remaining() < need) {
            if (pending.position() > 0 && pending.position() + need > SPILL_BYTES) {
                writePending();
            }
            if (pending.remaining() < need) {
                grow(need);
            }
        }
        TfRecordWriter.frame(event, pending);
        pendingEvents++;
    }

    /** Hands every buffered record to the OS. Never throws; a failure is counted (see the class comment). */
    void flush() {
        writePending();
    }

    @Override
    public void close() {
        flush();
        closeChannel();
    }

    Path file() {
        return file;
    }

    long failures() {
        return failures.get();
    }

    long lostEvents() {
        return lostEvents.get();
    }

    long writtenEvents() {
        return writtenEvents.get();
    }

    long writtenBytes() {
        return writtenBytes.get();
    }

    private void writePending() {
        if (pendingEvents == 0) {
            return;
        }
        int events = pendingEvents;
        pending.flip();
        try {
            if (channel == null) {
                openNewFile();
            }
            int bytes = pending.remaining();
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
            committed += bytes;
            writtenEvents.addAndGet(events);
            writtenBytes.addAndGet(bytes);
        } catch (IOException | RuntimeException e) {
            fail(e, events);
        } finally {
            pending.clear();
            pendingEvents = 0;
        }
    }

    private void openNewFile() throws IOException {
        long secs = Math.floorDiv(wallMillis.getAsLong(), 1000L);
        SeekableByteChannel opened = null;
        Path candidate = null;
        for (int attempt = 0; opened == null; attempt++) {
            candidate = dir.resolve(EventFileName.of(secs, FILE_COUNTER.getAndIncrement()));
            try {
                opened = opener.open(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
        channel = opened;
        file = candidate;
        committed = 0;
        ByteBuffer first = ByteBuffer.wrap(TfRecordWriter.frame(Events.fileVersion(secs, writerName)));
        try {
            while (first.hasRemaining()) {
                channel.write(first);
            }
        } catch (IOException e) {
            try {
                channel.truncate(0); // leave no torn first record behind
            } catch (IOException | RuntimeException ignored) {
                // the reader treats a torn tail as the end of the file
            }
            closeChannel();
            throw e;
        }
        committed = first.capacity();
    }

    private void fail(Exception e, int events) {
        lostEvents.addAndGet(events);
        if (failures.getAndIncrement() == 0) {
            LOG.error("gradwatch: writing TensorBoard events to {} failed ({}); {} events lost. Training goes on; "
                            + "further failures are only counted (scalar gradwatch/tensorboard_write_failures). "
                            + "Free disk space or choose another tensorBoard(...) directory.",
                    file != null ? file : dir, e.toString(), events);
        }
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(committed);
            channel.position(committed);
        } catch (IOException | RuntimeException truncateFailed) {
            closeChannel(); // the next write starts a new file, after this one in name order
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more can be saved
            }
            channel = null;
        }
    }

    private void grow(int need) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + need))
                .order(ByteOrder.LITTLE_ENDIAN);
        pending.flip();
        bigger.put(pending);
        pending = bigger;
    }
}

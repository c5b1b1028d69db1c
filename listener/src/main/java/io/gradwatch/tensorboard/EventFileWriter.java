package io.gradwatch.tensorboard;

import io.gradwatch.async.Clock;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run's events file: names it {@code events.out.tfevents.<10-digit secs>.<host>.<pid>.<n>}, writes
 * the {@code brain.Event:2} record first, then frames every event into a buffer that {@link #flush()}
 * hands to the OS in whole records. Used by one thread only (the async writer's).
 *
 * <p>Faults never escape and never corrupt the file: when a write fails (disk full, I/O error), the
 * file is truncated back to the end of its last complete record, so everything flushed before stays
 * readable and later records follow intact ones. What fits is then kept in this order: the run's
 * metadata (hparams, session, layout; written again at the head of any file that lacks it, so also
 * after recovery), then the newest pending records; the rest are counted as lost, the first failure
 * is logged, and recovery is logged with the total lost. If even the truncation fails, the file is
 * left as it is and the next write opens a fresh file (which sorts after it).
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
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lostEvents = new AtomicLong();
    private final AtomicLong writtenEvents = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    private SeekableByteChannel channel;
    private Path file;
    private long committed;
    private ByteBuffer pending = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private int pendingEvents;
    private int[] recordEnds = new int[256];
    private final List<byte[]> metadata = new ArrayList<>();
    private boolean metadataInFile = true;
    private boolean losing;
    private boolean loggedFailure;
    private Exception lastError;

    private EventFileWriter(Path dir, String writerName, ChannelOpener opener, Clock clock) {
        this.dir = dir;
        this.writerName = writerName;
        this.opener = opener;
        this.clock = clock;
    }

    /** Opens the first file of {@code dir} at once, so that a directory that cannot be written fails here. */
    static EventFileWriter open(Path dir, String writerName, ChannelOpener opener, Clock clock)
            throws IOException {
        EventFileWriter w = new EventFileWriter(dir, writerName, opener, clock);
        w.openNewFile();
        return w;
    }

    /** Frames {@code event} (a serialized Event) into the buffer; spills whole records to the OS when it is large. */
    void append(byte[] event) {
        append(event, false);
    }

    /**
     * Like {@link #append(byte[])}; a {@code metadata} event (hparams, session, layout) is also kept, written
     * ahead of the pending records, and written again at the head of any file that lost it.
     */
    void append(byte[] event, boolean metadata) {
        if (metadata) {
            this.metadata.add(TfRecordWriter.frame(event));
            metadataInFile = false;
            return;
        }
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
        if (pendingEvents == recordEnds.length) {
            recordEnds = Arrays.copyOf(recordEnds, recordEnds.length * 2);
        }
        recordEnds[pendingEvents++] = pending.position();
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

    /**
     * Writes the metadata if this file lacks it, then the pending records. When the disk is full, what fits
     * is kept in this order: the metadata, then the newest records; the rest is counted as lost.
     */
    private void writePending() {
        if (pendingEvents == 0 && (metadataInFile || metadata.isEmpty())) {
            return;
        }
        int events = pendingEvents;
        pending.flip();
        try {
            if (channel == null) {
                openNewFile();
            }
            if (!metadataInFile && !metadata.isEmpty()) {
                if (write(ByteBuffer.wrap(concat(metadata))) >= 0) {
                    lose(events, 0);
                    return;
                }
                metadataInFile = true;
            }
            long room = write(pending.duplicate());
            if (room < 0) {
                recovered(events, pending.remaining());
                return;
            }
            int keep = newestThatFit(room);
            if (keep > 0 && channel != null) {
                int from = recordEnds[events - keep - 1 < 0 ? 0 : events - keep - 1];
                ByteBuffer newest = pending.duplicate().position(keep == events ? 0 : from);
                int bytes = newest.remaining();
                if (write(newest) < 0) {
                    writtenEvents.addAndGet(keep);
                    writtenBytes.addAndGet(bytes);
                } else {
                    keep = 0;
                }
            }
            lose(events - keep, keep);
        } catch (IOException | RuntimeException e) {
            lastError = e;
            failures.incrementAndGet();
            lose(events, 0);
        } finally {
            pending.clear();
            pendingEvents = 0;
        }
    }

    /** Writes all of {@code buf}: -1 on success; on failure, the bytes that fit before it, after rolling them back. */
    private long write(ByteBuffer buf) {
        int start = buf.position();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            committed += buf.position() - start;
            return -1;
        } catch (IOException | RuntimeException e) {
            lastError = e;
            failures.incrementAndGet();
            rollBack();
            return buf.position() - start;
        }
    }

    /** How many of the newest pending records fit in {@code room} bytes. */
    private int newestThatFit(long room) {
        int n = pendingEvents;
        int keep = 0;
        while (keep < n) {
            int from = n - keep - 2 < 0 ? 0 : recordEnds[n - keep - 2];
            if (recordEnds[n - 1] - from > room) {
                break;
            }
            keep++;
        }
        return keep;
    }

    private void recovered(int events, int bytes) {
        writtenEvents.addAndGet(events);
        writtenBytes.addAndGet(bytes);
        if (losing) {
            losing = false;
            LOG.warn("gradwatch: writing TensorBoard events to {} works again; {} events were lost in all "
                    + "(scalar gradwatch/tensorboard_lost_events)", file, lostEvents.get());
        }
    }

    private void lose(int events, int kept) {
        lostEvents.addAndGet(events);
        if (!losing) {
            losing = true;
            if (!loggedFailure) {
                loggedFailure = true;
                LOG.error("gradwatch: writing TensorBoard events to {} failed ({}); {} events lost{}. Training goes "
                                + "on; the run's metadata and the newest events are kept where they fit, further "
                                + "failures are only counted (scalars gradwatch/tensorboard_write_failures, "
                                + "gradwatch/tensorboard_lost_events). Free disk space or choose another "
                                + "tensorBoard(...) directory.", file != null ? file : dir, lastError, events,
                        kept > 0 ? " (the newest " + kept + " kept)" : "");
            }
        }
    }

    private void rollBack() {
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

    private static byte[] concat(List<byte[]> records) {
        int n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        records.forEach(all::put);
        return all.array();
    }

    private void openNewFile() throws IOException {
        long secs = Math.floorDiv(clock.wallMillis(), 1000L);
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
        metadataInFile = metadata.isEmpty();
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

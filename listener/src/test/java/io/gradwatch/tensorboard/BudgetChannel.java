package io.gradwatch.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file that behaves like a disk with {@code budget} free bytes: a write beyond it writes what
 * fits (a torn record on disk) and then fails with "No space left on device", as a full disk does;
 * truncating gives the freed bytes back.
 */
final class BudgetChannel implements SeekableByteChannel {

    /** Opens files through BudgetChannels sharing one budget. */
    static final class Disk implements EventFileWriter.ChannelOpener {
        final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        final AtomicBoolean truncateFails = new AtomicBoolean();

        @Override
        public SeekableByteChannel open(Path file) throws IOException {
            return new BudgetChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    this);
        }
    }

    private final FileChannel file;
    private final Disk disk;

    private BudgetChannel(FileChannel file, Disk disk) {
        this.file = file;
        this.disk = disk;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long left = disk.budget.get();
        if (left <= 0) {
            throw new IOException("No space left on device");
        }
        int n = (int) Math.min(src.remaining(), left);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        int written = file.write(part);
        src.position(src.position() + written);
        disk.budget.addAndGet(-written);
        return written;
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (disk.truncateFails.get()) {
            throw new IOException("Input/output error");
        }
        long freed = Math.max(0, file.size() - size);
        file.truncate(size);
        disk.budget.accumulateAndGet(freed, (left, f) -> left > Long.MAX_VALUE - f ? Long.MAX_VALUE : left + f);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        file.position(p);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}

package io.gradwatch.tensorboard;

import java.nio.file.Path;

/**
 * What the writer of a run directory has done so far.
 *
 * @param file          the events file being written (null if none could be opened since a failure)
 * @param writtenEvents events handed to the OS
 * @param writtenBytes  bytes handed to the OS, framing included (the file-version record excluded)
 * @param droppedEvents events refused because the queue was full or the writer closed
 * @param writeFailures failed writes (disk full, I/O errors); the first is logged
 * @param lostEvents    events lost in failed writes
 * @param flushes       flushes that handed pending records to the OS
 */
public record WriterStats(Path file, long writtenEvents, long writtenBytes, long droppedEvents, long writeFailures,
                          long lostEvents, long flushes) {
}

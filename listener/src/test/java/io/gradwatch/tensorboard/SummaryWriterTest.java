package io.gradwatch.tensorboard;

import io.gradwatch.testing.GatedThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's queue, flush and close policy, driven by a manual clock and gates (no sleeps). */
class SummaryWriterTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private SummaryWriterBuilder builder() {
        return SummaryWriter.builder(dir).clock(clock).closeOnShutdown(false);
    }

    static Path onlyEventsFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().contains("tfevents")).toList();
            assertEquals(1, files.size(), "one events file in " + dir + ": " + files);
            return files.get(0);
        }
    }

    @Test
    void file_isNamedByConvention_andStartsWithFileVersion() throws IOException {
        try (SummaryWriter w = builder().build()) {
            Path f = onlyEventsFile(dir);
            assertTrue(f.getFileName().toString().matches(
                    "events\\.out\\.tfevents\\.1795836282\\.[A-Za-z0-9._-]+\\." + ProcessHandle.current().pid()
                            + "\\.\\d+"), f.getFileName().toString());
            StrictEventReader.Result r = StrictEventReader.read(f);
            assertEquals("brain.Event:2", r.events().get(0).getFileVersion());
            assertEquals(1795836282.0, r.events().get(0).getWallTime());
            assertEquals(SummaryWriter.WRITER_NAME, r.events().get(0).getSourceMetadata().getWriter());
        }
    }

    @Test
    void pendingEvents_areFlushedWhenTheIntervalPasses_notBefore() throws IOException {
        try (SummaryWriter w = builder().flushInterval(Duration.ofSeconds(5)).build()) {
            assertTrue(Writes.scalar(w, "loss", 1, 0.5));
            assertTrue(w.async().sync(5_000));
            assertEquals(0, w.stats().flushes());
            clock.advance(Duration.ofMillis(4_999));
            assertTrue(w.async().sync(5_000));
            assertEquals(0, w.stats().flushes());
            assertEquals(1, StrictEventReader.read(onlyEventsFile(dir)).events().size());
            clock.advance(Duration.ofMillis(1));
            assertTrue(w.async().sync(5_000));
            assertEquals(1, w.stats().flushes());
            assertEquals(2, StrictEventReader.read(onlyEventsFile(dir)).events().size());
        }
    }

    @Test
    void nothingPending_intervalPassing_doesNotFlush() {
        try (SummaryWriter w = builder().build()) {
            clock.advance(Duration.ofSeconds(60));
            assertTrue(w.async().sync(5_000));
            assertEquals(0, w.stats().flushes());
        }
    }

    @Test
    void whenQueueIsFull_batchIsDroppedWhole_countedAndCallerNeverWaits() throws IOException {
        GatedThreads gate = new GatedThreads();
        SummaryWriter w = builder().threadFactory(gate).maxQueuedEvents(3).build();
        assertTrue(Writes.scalar(w, "a", 0, 1));
        assertTrue(Writes.scalar(w, "a", 1, 2));
        assertFalse(w.writeEvents(List.of(Events.summary(1e9, 2, List.of(Values.scalar("a", 3))),
                Events.summary(1e9, 3, List.of(Values.scalar("a", 4))))), "2 more do not fit in 3");
        assertTrue(Writes.scalar(w, "a", 2, 3), "1 more does");
        assertFalse(Writes.scalar(w, "a", 4, 5));
        assertEquals(3, w.stats().droppedEvents());
        gate.open();
        w.close();
        StrictEventReader.Result r = StrictEventReader.read(onlyEventsFile(dir));
        assertEquals(Map.of(0L, 1f, 1L, 2f, 2L, 3f), r.scalars().get("a"));
    }

    @Test
    void whenQueuedBytesExceedTheBound_eventsAreDropped() {
        GatedThreads gate = new GatedThreads();
        SummaryWriter w = builder().threadFactory(gate).maxQueuedBytes(100).build();
        assertFalse(Writes.text(w, "t", 0, "x".repeat(200)));
        assertEquals(1, w.stats().droppedEvents());
        gate.open();
        w.close();
    }

    @Test
    void close_writesEverythingQueued_andFlushes() throws IOException {
        SummaryWriter w = builder().build();
        for (int i = 0; i < 1000; i++) {
            Writes.scalar(w, "x", i, i);
        }
        w.close();
        StrictEventReader.Result r = StrictEventReader.read(onlyEventsFile(dir));
        assertEquals(1001, r.events().size());
        assertEquals(1000, r.scalars().get("x").size());
        assertEquals(1000, w.stats().writtenEvents());
    }

    @Test
    void afterClose_writesAreDroppedAndCounted_andCloseTwiceIsHarmless() {
        SummaryWriter w = builder().build();
        w.close();
        assertFalse(Writes.scalar(w, "late", 1, 1));
        assertEquals(1, w.stats().droppedEvents());
        w.close();
    }

    @Test
    void close_withAStuckWriterThread_returnsWithinTheTimeLimit() {
        GatedThreads neverOpened = new GatedThreads();
        SummaryWriter w = builder().threadFactory(neverOpened).closeTimeout(Duration.ofMillis(50)).build();
        Writes.scalar(w, "x", 0, 0);
        long start = System.nanoTime();
        assertFalse(w.async().close(50));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        neverOpened.open();
    }

    @Test
    void flush_handsEverythingToTheOs_beforeClose() throws IOException {
        try (SummaryWriter w = builder().build()) {
            Writes.scalar(w, "x", 0, 1);
            Writes.histogram(w, "h", 0, 3);
            Writes.text(w, "t", 0, "hello");
            assertTrue(w.sessionEnd(0, true));
            assertTrue(w.flush());
            StrictEventReader.Result r = StrictEventReader.read(onlyEventsFile(dir));
            assertEquals(5, r.events().size());
            assertEquals(6, r.histograms().get("h").get(0L).getNum());
            assertEquals("hello", r.values("t").get(0).getTensor().getStringVal(0).toStringUtf8());
            assertEquals("hparams", r.values(HParams.SESSION_END_TAG).get(0).getMetadata().getPluginData()
                    .getPluginName());
        }
    }

    @Test
    void builder_rejectsBadOptionsAsTheyAreSet_namingTheOptionAndTheValue() {
        SummaryWriterBuilder b = SummaryWriter.builder(dir);
        assertEquals("flushInterval must be positive, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> b.flushInterval(Duration.ZERO)).getMessage());
        assertEquals("maxQueuedEvents must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxQueuedEvents(0)).getMessage());
        assertEquals("maxQueuedBytes must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxQueuedBytes(0)).getMessage());
        assertEquals("closeTimeout must not be negative, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> b.closeTimeout(Duration.ofSeconds(-1))).getMessage());
    }
}

package io.gradwatch.tensorboard;

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
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
            assertTrue(w.scalar("loss", 1, 0.5));
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
        assertTrue(w.scalar("a", 0, 1));
        assertTrue(w.scalar("a", 1, 2));
        assertFalse(w.writeEvents(List.of(Events.summary(1e9, 2, List.of(Values.scalar("a", 3))),
                Events.summary(1e9, 3, List.of(Values.scalar("a", 4))))), "2 more do not fit in 3");
        assertTrue(w.scalar("a", 2, 3), "1 more does");
        assertFalse(w.scalar("a", 4, 5));
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
        assertFalse(w.text("t", 0, "x".repeat(200)));
        assertEquals(1, w.stats().droppedEvents());
        gate.open();
        w.close();
    }

    @Test
    void close_writesEverythingQueued_andFlushes() throws IOException {
        SummaryWriter w = builder().build();
        for (int i = 0; i < 1000; i++) {
            w.scalar("x", i, i);
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
        assertFalse(w.scalar("late", 1, 1));
        assertEquals(1, w.stats().droppedEvents());
        w.close();
    }

    @Test
    void close_withAStuckWriterThread_returnsWithinTheTimeLimit() {
        GatedThreads neverOpened = new GatedThreads();
        SummaryWriter w = builder().threadFactory(neverOpened).closeTimeout(Duration.ofMillis(50)).build();
        w.scalar("x", 0, 0);
        long start = System.nanoTime();
        assertFalse(w.async().close(50));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        neverOpened.open();
    }

    @Test
    void flush_handsEverythingToTheOs_beforeClose() throws IOException {
        try (SummaryWriter w = builder().build()) {
            w.scalar("x", 0, 1);
            w.histogram("h", 0, new double[]{1, 2, 3});
            w.text("t", 0, "hello");
            w.histogramTensor("ht", 0, new double[]{1, 2, 3}, 30);
            assertTrue(w.flush());
            StrictEventReader.Result r = StrictEventReader.read(onlyEventsFile(dir));
            assertEquals(5, r.events().size());
            assertEquals("histograms", r.values("ht").get(0).getMetadata().getPluginData().getPluginName());
            assertEquals(30 * 24, r.values("ht").get(0).getTensor().getTensorContent().size());
            assertEquals(3, r.histograms().get("h").get(0L).getNum());
            assertEquals("hello", r.values("t").get(0).getTensor().getStringVal(0).toStringUtf8());
        }
    }

    @Test
    void hparamsAndLayout_areWrittenWithTheirPluginTags() throws IOException {
        try (SummaryWriter w = builder().build()) {
            w.hparams(Map.of("lr", 0.1, "act", "relu", "bn", true), List.of("loss"), "g");
            w.customScalars(new CustomScalarsLayout(List.of(new CustomScalarsLayout.Category("c",
                    List.of(new CustomScalarsLayout.Chart("ch", List.of("loss"))), false))));
            w.sessionEnd(3, true);
            w.flush();
            StrictEventReader.Result r = StrictEventReader.read(onlyEventsFile(dir));
            for (String tag : List.of(HParams.EXPERIMENT_TAG, HParams.SESSION_START_TAG, HParams.SESSION_END_TAG)) {
                assertEquals("hparams", r.values(tag).get(0).getMetadata().getPluginData().getPluginName(), tag);
            }
            assertEquals("custom_scalars", r.values("custom_scalars__config__").get(0).getMetadata().getPluginData()
                    .getPluginName());
        }
    }

    @Test
    void hparams_ofUnsupportedType_isRejected() {
        try (SummaryWriter w = builder().build()) {
            assertThrows(IllegalArgumentException.class, () -> w.hparams(Map.of("x", List.of()), List.of(), "g"));
        }
    }

    @Test
    void builder_rejectsBadOptionsAsTheyAreSet() {
        SummaryWriterBuilder b = SummaryWriter.builder(dir);
        assertThrows(IllegalArgumentException.class, () -> b.flushInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedEvents(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedBytes(0));
        assertThrows(IllegalArgumentException.class, () -> b.closeTimeout(Duration.ofSeconds(-1)));
        assertNotNull(b);
    }
}

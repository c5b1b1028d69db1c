package io.gradwatch.offline;

import io.gradwatch.tensorboard.WriterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventReadingTest {

    static final Path REFERENCE = Path.of("/work/shared/tensorboard");

    @TempDir
    Path tmp;

    @Test
    void goldenRecords_fromTheSpec_decodeToTheirWallTimeAndScalar() throws IOException {
        // SPEC.md §2: Event{wall_time 1700000000, file_version} and Event{1700000001.5, step 3, loss 0.25}
        byte[] file = HexFormat.of().parseHex(
                "1800000000000000a37f4b22" + "0900000040fc54d9411a0d627261696e2e4576656e743a32" + "eced8f9d"
                        + "1a00000000000000129bd82d" + "0900006040fc54d94110032a0d0a0b0a046c6f7373150000803e" + "c614c6e7");
        Path dir = Files.createDirectories(tmp.resolve("golden"));
        Files.write(dir.resolve("events.out.tfevents.1700000000.golden"), file);
        RunData run = RunFinder.load(dir).get(0);
        NavigableMap<Long, RunData.Point> loss = run.scalars().get("loss");
        assertEquals(0.25, loss.get(3L).value());
        assertEquals(1700000001.5, loss.get(3L).wallTime());
        assertEquals(List.of(), run.problems());

        file[12 + 24] ^= 0x01; // first record's data CRC
        Files.write(dir.resolve("events.out.tfevents.1700000000.golden"), file);
        run = RunFinder.load(dir).get(0);
        assertEquals(0.25, run.scalars().get("loss").get(3L).value(), "the record after a bad data CRC is still read");
        assertTrue(run.problems().get(0).contains("corrupted record at byte 0 (data CRC mismatch), skipped"),
                run.problems().toString());
    }

    @Test
    void summaryWriterFile_givesBackEveryScalarWithNaNAndInfinitiesKept_theTextAndTheHistogram() throws IOException {
        float[] values = {0.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -0f, 3.25f};
        WriterFixture.scalarsTextHistogram(tmp.resolve("a"), "gradients/layer0/W/rms", values, "notes", "**hi** there");
        List<RunData> runs = RunFinder.load(tmp);
        assertEquals(1, runs.size());
        RunData run = runs.get(0);
        assertEquals("a", run.name());
        NavigableMap<Long, RunData.Point> s = run.scalars().get("gradients/layer0/W/rms");
        assertEquals(values.length, s.size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(s.get((long) i).value()), "step " + i);
            assertEquals(1_700_000_000.0 + i, s.get((long) i).wallTime());
        }
        assertEquals("**hi** there", run.texts("notes").get(0).text());
        HistogramRows h = run.histograms().get("hist").get(0L);
        // Writes.histogram: limits 1..5, bucket i holding i + 1 values, min 0, max 5
        assertArrayEquals(new double[]{0, 1, 2, 3, 4}, h.left());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5}, h.right());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5}, h.count());
        assertEquals(List.of(), run.problems());
    }

    @Test
    void tensorFlowReference_scalarsOfBothEncodings_textHParamsAndHistogramAreRead() throws IOException {
        RunData run = RunFinder.load(REFERENCE).get(0);
        assertEquals(".", run.name());
        NavigableMap<Long, RunData.Point> loss = run.scalars().get("loss");
        NavigableMap<Long, RunData.Point> accuracy = run.scalars().get("accuracy");
        for (int i = 0; i < 5; i++) {
            assertEquals((double) (float) (1.0 / (i + 1)), loss.get((long) i).value(), "simple_value loss at " + i);
            assertEquals((double) (float) (0.5 + i / 10.0), accuracy.get((long) i).value(), 1e-7, "tensor accuracy at " + i);
        }
        assertEquals("**reference** file written by tbcheck", run.texts("notes").get(0).text());
        Map<String, Object> hp = run.hparams();
        assertTrue(hp.containsKey("lr") && hp.containsKey("optimizer"), hp.toString());
        HistogramRows h = run.histograms().get("layer1/grad").get(0L);
        assertEquals(1000.0, h.total()); // (i-500)/100 for i = 0..999
        assertEquals(-5.0, h.left()[0]);
        assertEquals(4.99, h.right()[h.right().length - 1]);
        assertEquals(List.of(), run.problems());
    }

    @Test
    void truncatedLastRecord_keepsEveryRecordBefore_andSaysWhereTheFileEnds() throws IOException {
        Path file = referenceCopy("cut");
        byte[] all = Files.readAllBytes(file);
        List<Long> offsets = recordOffsets(all);
        long lastStart = offsets.get(offsets.size() - 1);
        Files.write(file, java.util.Arrays.copyOf(all, (int) lastStart + 20)); // header and 8 data bytes
        RunData run = RunFinder.load(file.getParent()).get(0);
        assertEquals(1, run.problems().size());
        assertTrue(run.problems().get(0).contains("truncated record at byte " + lastStart), run.problems().get(0));
        assertTrue(run.problems().get(0).contains((offsets.size() - 1) + " records before it were read"), run.problems().get(0));
        assertEquals(5, run.scalars().get("loss").size());
    }

    @Test
    void partialHeaderAtEnd_isReportedAsTruncated_notACrash() throws IOException {
        Path file = referenceCopy("partial");
        byte[] all = Files.readAllBytes(file);
        byte[] longer = java.util.Arrays.copyOf(all, all.length + 5);
        Files.write(file, longer);
        RunData run = RunFinder.load(file.getParent()).get(0);
        assertTrue(run.problems().get(0).contains("truncated record at byte " + all.length + " (5 of 12 header bytes"),
                run.problems().toString());
        assertEquals(5, run.scalars().get("loss").size());
    }

    @Test
    void flippedLengthByte_stopsAtThatRecord_andSaysCorrupted() throws IOException {
        Path file = referenceCopy("flip");
        byte[] all = Files.readAllBytes(file);
        long fifth = recordOffsets(all).get(5); // record 5 is the first loss scalar
        all[(int) fifth] ^= 0x01;
        Files.write(file, all);
        RunData run = RunFinder.load(file.getParent()).get(0);
        assertTrue(run.problems().get(0).contains("corrupted record at byte " + fifth + " (length CRC mismatch)"),
                run.problems().toString());
        assertNull(run.scalars().get("loss"), "nothing after the corrupt length can be located");
        assertNotNull(run.texts("notes").get(0));
    }

    @Test
    void directoryWithoutEventFiles_failsWithTheFix() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFinder.load(tmp));
        assertTrue(e.getMessage().contains("no TensorBoard event files"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunFinder.load(tmp.resolve("missing")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private Path referenceCopy(String run) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(run));
        try (var files = Files.list(REFERENCE)) {
            Path src = files.filter(p -> p.getFileName().toString().contains("tfevents")).findFirst().orElseThrow();
            return Files.copy(src, dir.resolve(src.getFileName()));
        }
    }

    /** Offsets of the records, from the lengths alone. */
    private static List<Long> recordOffsets(byte[] all) {
        List<Long> out = new ArrayList<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        while (off + 12 <= all.length) {
            out.add(off);
            off += 16 + b.getLong((int) off);
        }
        return out;
    }
}

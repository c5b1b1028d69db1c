package io.gradwatch.tensorboard;

import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.tensorflow.proto.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a full disk keeps what fits, the run's metadata first (again after recovery), then the newest
 * events; what was lost is counted and published once space returns. Runs on a real 512 KiB tmpfs volume
 * when this process may mount one (root), else on a file that behaves like a 512 KiB disk.
 */
@ExpectedErrorOutput("the write failures of a full volume")
class FullDiskTest {

    private static final long VOLUME = 512 * 1024;
    private static final int FILLER = 128 * 1024;

    @TempDir
    Path tmp;

    private Path volume;
    private boolean mounted;
    private final BudgetChannel.Disk simulated = new BudgetChannel.Disk();

    @BeforeEach
    void mountSmallVolume() throws Exception {
        volume = Files.createDirectory(tmp.resolve("volume"));
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", volume.toString())
                    .redirectErrorStream(true).start();
            mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notAvailable) {
            mounted = false;
        }
        if (!mounted) {
            System.out.println("FullDiskTest: cannot mount tmpfs here; simulating a 512 KiB disk instead");
            simulated.budget.set(VOLUME);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", volume.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private TensorBoardSink sink(Path run) {
        return mounted ? TensorBoardSink.create(run)
                : TensorBoardSink.create(run, d -> SummaryWriter.builder(d).channelOpener(simulated)
                        .closeOnShutdown(false).build());
    }

    private void fillDisk(int bytes) throws IOException {
        if (mounted) {
            Files.write(volume.resolve("filler"), new byte[bytes]);
        } else {
            simulated.budget.addAndGet(-bytes);
        }
    }

    private void freeDisk(int bytes) throws IOException {
        if (mounted) {
            Files.delete(volume.resolve("filler"));
        } else {
            simulated.budget.addAndGet(bytes);
        }
    }

    private static Path eventsFile(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().contains("tfevents")).sorted().toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }

    private static List<String> tags(StrictEventReader.Result r) {
        return r.events().stream().filter(Event::hasSummary)
                .flatMap(e -> e.getSummary().getValueList().stream()).map(v -> v.getTag()).toList();
    }

    @Test
    void whenTheVolumeFills_metadataAndTheNewestStepsAreKept_andTheLossIsPublishedOnceSpaceReturns()
            throws IOException {
        Path run = volume.resolve("run");
        TensorBoardSink sink = sink(run);
        GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        MultiLayerNetwork net = TestNetworks.mlp(81);
        net.addListeners(l);
        DataSet data = TestNetworks.data(81, 16, 12, 3);
        fillDisk(FILLER);
        int steps = 0;
        while (sink.stats().lostEvents() == 0 && steps < 2_000) {
            for (int i = 0; i < 10; i++, steps++) {
                net.fit(data);
            }
            l.flush();
        }
        assertTrue(sink.stats().lostEvents() > 0, "the volume filled up after " + steps + " steps");
        for (int i = 0; i < 30; i++, steps++) {
            net.fit(data); // training goes on while the disk is full
        }
        l.flush();
        long lost = sink.stats().lostEvents();
        freeDisk(FILLER);
        for (int i = 0; i < 5; i++, steps++) {
            net.fit(data);
        }
        l.close();

        StrictEventReader.Result r = StrictEventReader.read(eventsFile(run)); // intact, no torn record
        List<String> tags = tags(r);
        assertTrue(tags.contains(HParams.EXPERIMENT_TAG) && tags.contains(HParams.SESSION_START_TAG),
                "hparams on disk");
        assertTrue(tags.contains("custom_scalars__config__") && tags.contains(Tags.SESSION_TEXT), "layout on disk");
        Map<Long, Float> loss = r.scalars().get(Tags.LOSS);
        assertTrue(loss.size() > 10, "steps on disk: " + loss.size());
        assertTrue(loss.containsKey((long) steps - 1), "the newest step is on disk");
        Map<Long, Float> published = r.scalars().get(Tags.LOST_EVENTS);
        assertTrue(published.values().stream().anyMatch(v -> v >= lost),
                "the loss (" + lost + " events) is published once space returns: " + published);
    }

    @Test
    void whenTheDiskIsFullFromTheStart_theMetadataIsWrittenFirstOnceSpaceReturns() throws IOException {
        Path run = volume.resolve("run");
        TensorBoardSink sink = sink(run);
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        MultiLayerNetwork net = TestNetworks.mlp(82);
        net.addListeners(l);
        DataSet data = TestNetworks.data(82, 16, 12, 3);
        long free = mounted ? Files.getFileStore(volume).getUsableSpace() : simulated.budget.get();
        fillDisk((int) free - 64);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        l.flush();
        assertTrue(sink.stats().lostEvents() > 0, "nothing fitted");
        freeDisk((int) free - 64);
        net.fit(data);
        l.close();
        StrictEventReader.Result r = StrictEventReader.read(eventsFile(run));
        List<String> tags = tags(r);
        assertEquals(HParams.EXPERIMENT_TAG, tags.get(0), "the metadata comes first once space returns: " + tags);
        assertTrue(r.scalars().get(Tags.LOSS).containsKey(3L));
    }
}

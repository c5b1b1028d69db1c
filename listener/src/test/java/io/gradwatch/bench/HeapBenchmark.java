package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import org.deeplearning4j.nn.api.Model;

import java.util.List;
import java.util.Locale;

/**
 * gradwatch's extra Java heap on large models, against the model's float32 parameter bytes: after training at
 * default settings, after training with everything every iteration (before and after {@code flush()}), and
 * after {@code close()} with the listener still referenced. Heap is measured after full GCs; ND4J's arrays
 * live off-heap, so the baseline is the training loop's own heap. For {@code recover()}, whose copies of the
 * parameters and updater state are ND4J arrays, also the native bytes JavaCPP tracks (expected: at most two
 * copies of parameters + updater state, the certified state and a candidate).
 *
 * <pre>OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.HeapBenchmark [-Dexec.args="iterations"]</pre>
 */
public final class HeapBenchmark {

    private HeapBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        System.out.printf("gradwatch heap benchmark: OMP_NUM_THREADS=%s, -Xmx %d MiB, %d iterations per setting%n%n",
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().maxMemory() >> 20, iterations);
        System.out.println("| model | parameters | parameter MiB | default, training | every(1).histogramsEvery(1), "
                + "training | same, after flush() | after close(), listener referenced | recover(), heap | recover(), native "
                + "(parameters + updater state) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (BenchModels.Bench b : List.of(BenchModels.leNet(), BenchModels.alexNet(), BenchModels.resNet50(),
                BenchModels.vgg16())) {
            measure(b, iterations);
        }
    }

    private static void measure(BenchModels.Bench b, int iterations) {
        Model model = b.model().get();
        double paramBytes = 4.0 * model.numParams();
        BenchModels.train(model, b.batch(), 2); // workspaces and JIT before the baseline
        long base = usedHeap();

        GradWatchListener defaults = GradWatch.builder().build();
        model.addListeners(defaults);
        BenchModels.train(model, b.batch(), Math.max(iterations, 11)); // at least one sampled step after the first
        double defaultTraining = (usedHeap() - base) / paramBytes;
        defaults.close();

        GradWatchListener all = GradWatch.builder().every(1).histogramsEvery(1).build();
        model.setListeners(all);
        BenchModels.train(model, b.batch(), iterations);
        double allTraining = (usedHeap() - base) / paramBytes;
        all.flush();
        double allFlushed = (usedHeap() - base) / paramBytes;
        all.close();
        double closed = (usedHeap() - base) / paramBytes;

        long nativeBase = nativeBytes();
        GradWatchListener recovering = GradWatch.builder().recover().build();
        model.setListeners(recovering);
        BenchModels.train(model, b.batch(), Math.max(iterations, 41)); // two snapshots (every 20) and a certification
        recovering.flush();
        double recoverHeap = (usedHeap() - base) / paramBytes;
        double recoverNative = (nativeBytes() - nativeBase) / paramBytes;
        recovering.close();
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.2fx | %.2fx | %.2fx | %.2fx | %.2fx | %.2fx |%n",
                b.name(), model.numParams(), paramBytes / (1 << 20), defaultTraining, allTraining, allFlushed, closed,
                recoverHeap, recoverNative);
        System.out.flush();
        if (all.config() == null) {
            throw new AssertionError("keeps the listener referenced until here");
        }
    }

    /** Native bytes JavaCPP (ND4J's allocator) holds, after the garbage collector freed what it could. */
    private static long nativeBytes() {
        usedHeap();
        return org.bytedeco.javacpp.Pointer.totalBytes();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}

package io.gradwatch.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reuses float arrays between the training thread (which fills them) and the analysis thread
 * (which returns them), so that copying a gradient every step allocates nothing in steady state.
 * Keeps at most {@code retainPerSize} arrays of each length.
 */
final class BufferPool {

    private final int retainPerSize;
    private final Map<Integer, ConcurrentLinkedQueue<float[]>> free = new ConcurrentHashMap<>();

    BufferPool(int retainPerSize) {
        this.retainPerSize = retainPerSize;
    }

    float[] take(int length) {
        float[] a = queue(length).poll();
        return a != null ? a : new float[length];
    }

    void release(float[] array) {
        if (array == null) {
            return;
        }
        ConcurrentLinkedQueue<float[]> q = queue(array.length);
        if (q.size() < retainPerSize) {
            q.offer(array);
        }
    }

    private ConcurrentLinkedQueue<float[]> queue(int length) {
        return free.computeIfAbsent(length, k -> new ConcurrentLinkedQueue<>());
    }
}

package io.gradwatch.listener;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The float arrays gradwatch copies ND4J's arrays into, shared by the training threads (which take
 * and fill them) and the analysis thread (which returns them), so that copying every step allocates
 * nothing in steady state.
 *
 * <p>Bounded: the bytes of every array handed out and not yet returned, plus those kept for reuse,
 * never exceed {@link #bound(long)}. Every returned array is kept (the bound already counts it): a snapshot
 * hands back three arrays of the model's length at once, and letting one go would make the next step
 * allocate a new (for large models humongous) array. Reused arrays are let go first when a new size needs room;
 * {@link #take(int, long)} then waits (bounded) for arrays to come back, {@link #tryTake} does not.
 * {@link #clear()} lets go of every kept array (after flush and close).
 */
final class BufferPool {

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long maxBytes = Long.MAX_VALUE;
    private long heldBytes;

    /** Sets the most bytes the pool may hold at once, in use or kept. */
    synchronized void bound(long bytes) {
        maxBytes = bytes;
        while (heldBytes > maxBytes && evictOne(-1, -1)) {
            // a lower bound (another network) lets go of kept arrays right away
        }
    }

    synchronized long maxBytes() {
        return maxBytes;
    }

    /** Bytes of the arrays in use plus those kept for reuse. */
    synchronized long heldBytes() {
        return heldBytes;
    }

    /** An array of {@code length} values, or null if it does not fit under the bound now. */
    float[] tryTake(int length) {
        return take(length, 0, 0);
    }

    /** Like {@link #tryTake(int)}, leaving room for an array of {@code reserveLength} still to come. */
    float[] tryTake(int length, int reserveLength) {
        return take(length, reserveLength, 0);
    }

    /** An array of {@code length}, waiting at most {@code waitNanos} for room under the bound; null if none came. */
    float[] take(int length, long waitNanos) {
        return take(length, 0, waitNanos);
    }

    private synchronized float[] take(int length, int reserveLength, long waitNanos) {
        long need = 4L * length;
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            // room for the array still to come: a kept one of its length, or free bytes
            long reserve = reserveLength == 0 || kept(reserveLength) ? 0 : 4L * reserveLength;
            if (kept(length) && heldBytes + reserve <= maxBytes) {
                return free.get(length).poll();
            }
            if (heldBytes + need + reserve <= maxBytes) {
                break;
            }
            if (evictOne(length, reserveLength)) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        heldBytes += need;
        return new float[length];
    }

    /** Returns an array taken from this pool (null is ignored). */
    synchronized void release(float[] array) {
        if (array == null) {
            return;
        }
        free.computeIfAbsent(array.length, k -> new ArrayDeque<>()).offer(array);
        notifyAll();
    }

    /** Lets go of every kept array (arrays in use come back later and are kept again). */
    synchronized void clear() {
        free.values().forEach(q -> q.forEach(a -> heldBytes -= 4L * a.length));
        free.clear();
        notifyAll();
    }

    private boolean kept(int length) {
        ArrayDeque<float[]> q = free.get(length);
        return q != null && !q.isEmpty();
    }

    /** Lets go of one kept array of another length than those given; false if there is none. */
    private boolean evictOne(int keep, int alsoKeep) {
        for (Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> it = free.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, ArrayDeque<float[]>> e = it.next();
            if (e.getKey() == keep || e.getKey() == alsoKeep) {
                continue;
            }
            ArrayDeque<float[]> q = e.getValue();
            float[] a = q.poll();
            if (q.isEmpty()) {
                it.remove();
            }
            if (a != null) {
                heldBytes -= 4L * a.length;
                return true;
            }
        }
        return false;
    }
}

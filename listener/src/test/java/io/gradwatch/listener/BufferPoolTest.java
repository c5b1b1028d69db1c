package io.gradwatch.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void everyReturnedArrayIsReused_soASnapshotOfThreeSameSizeArraysAllocatesNothingTheNextStep() {
        BufferPool pool = new BufferPool();
        float[] gradient = pool.tryTake(1000);
        float[] update = pool.tryTake(1000);
        float[] weights = pool.tryTake(1000);
        pool.release(gradient);
        pool.release(update);
        pool.release(weights);

        float[] a = pool.tryTake(1000);
        float[] b = pool.tryTake(1000);
        float[] c = pool.tryTake(1000);

        assertSame(gradient, a);
        assertSame(update, b);
        assertSame(weights, c);
        assertEquals(12_000, pool.heldBytes());
    }

    @Test
    void theBoundCountsArraysInUseAndKept() {
        BufferPool pool = new BufferPool();
        pool.bound(8_000);
        float[] first = pool.tryTake(1000);
        float[] second = pool.tryTake(1000);
        assertNotNull(second);
        assertNull(pool.tryTake(1000), "a third 4000-byte array does not fit under 8000 bytes");

        pool.release(first);
        assertSame(first, pool.tryTake(1000));
        assertEquals(8_000, pool.heldBytes());
    }

    @Test
    void aKeptArrayOfAnotherSizeMakesRoomForANewSize() {
        BufferPool pool = new BufferPool();
        pool.bound(8_000);
        pool.release(pool.tryTake(1000));
        pool.release(pool.tryTake(1000));

        assertNotNull(pool.tryTake(2000), "both kept 1000-value arrays are let go for one of 2000");
        assertEquals(8_000, pool.heldBytes());
    }

    @Test
    void aLowerBoundLetsGoOfKeptArraysAtOnce() {
        BufferPool pool = new BufferPool();
        float[] a = pool.tryTake(1000);
        float[] b = pool.tryTake(1000);
        float[] inUse = pool.tryTake(1000);
        pool.release(a);
        pool.release(b);

        pool.bound(4_000);

        assertEquals(4_000, pool.heldBytes(), "only the array still in use is held");
        pool.release(inUse);
        pool.clear();
        assertEquals(0, pool.heldBytes());
    }
}

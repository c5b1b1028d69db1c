package io.gradwatch.ui.store;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * DL4J's in-memory StatsStorage with a bounded history for gradwatch's records.
 *
 * <p>For every (session, worker), at most {@link #capacity()} gradwatch update records are kept. The
 * newest {@link #recent()} are kept at full resolution. When the bound is reached, every second
 * record among the older ones is removed, so older history is downsampled by a factor of two each
 * time it is thinned (its resolution degrades gracefully; the first and newest points always
 * remain). Records carrying a verdict change or a user metric are kept while they take less than
 * half of the capacity. The DL4J-format records gradwatch writes for its sessions (for DL4J's own
 * pages) are thinned the same way, to a quarter of the bound; records of DL4J's own StatsListener are stored as DL4J stores them,
 * unbounded.
 */
public final class BoundedStatsStorage extends InMemoryStatsStorage {

    /** Default bound per (session, worker): 10,000 records. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Default number of newest records never thinned. */
    public static final int DEFAULT_RECENT = 2_000;

    private final int capacity;
    private final int recent;

    public BoundedStatsStorage() {
        this(DEFAULT_CAPACITY, DEFAULT_RECENT);
    }

    public BoundedStatsStorage(int capacity, int recent) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be at least 4 records, got " + capacity);
        }
        if (recent < 1 || recent > capacity / 2) {
            throw new IllegalArgumentException("recent must be between 1 and capacity/2 (" + capacity / 2 + "), got "
                    + recent);
        }
        this.capacity = capacity;
        this.recent = recent;
    }

    public int capacity() {
        return capacity;
    }

    public int recent() {
        return recent;
    }

    @Override
    protected synchronized Map<Long, Persistable> getUpdateMap(String sessionID, String typeID, String workerID,
                                                               boolean createIfRequired) {
        SessionTypeWorkerId id = new SessionTypeWorkerId(sessionID, typeID, workerID);
        Map<Long, Persistable> map = updates.get(id);
        if (map == null && createIfRequired) {
            map = new ConcurrentSkipListMap<>();
            updates.put(id, map);
        }
        return map;
    }

    @Override
    public void putUpdate(Persistable update) {
        super.putUpdate(update);
        if (update instanceof UpdateRecord || update instanceof SbeStatsReport && gradwatchWrote(update)) {
            Map<Long, Persistable> map = getUpdateMap(update.getSessionID(), update.getTypeID(),
                    update.getWorkerID(), false);
            int bound = update instanceof UpdateRecord ? capacity : dl4jCapacity();
            if (map instanceof NavigableMap<Long, Persistable> nav && nav.size() > bound) {
                thin(nav, bound);
            }
        }
    }

    /** DL4J-format records that gradwatch wrote for its own session (not a StatsListener's) are bounded too. */
    private boolean gradwatchWrote(Persistable update) {
        return getUpdateMap(update.getSessionID(), BinaryRecord.TYPE_ID, update.getWorkerID(), false) != null;
    }

    /** DL4J-format records are larger and DL4J's charts show few points: a quarter of the bound. */
    private int dl4jCapacity() {
        return Math.max(4, capacity / 4);
    }

    private synchronized void thin(NavigableMap<Long, Persistable> map, int bound) {
        int size = map.size();
        if (size <= bound) {
            return;
        }
        int older = size - Math.min(recent, bound / 2);
        long pinned = map.values().stream().limit(older)
                .filter(p -> p instanceof UpdateRecord u && u.pinned()).count();
        boolean keepPinned = pinned < bound / 2;
        Iterator<Map.Entry<Long, Persistable>> it = map.entrySet().iterator();
        int index = 0;
        int candidate = 0;
        while (it.hasNext() && index < older) {
            Map.Entry<Long, Persistable> e = it.next();
            boolean isPinned = keepPinned && e.getValue() instanceof UpdateRecord u && u.pinned();
            if (index > 0 && !isPinned) {
                if (candidate % 2 == 1) {
                    it.remove();
                }
                candidate++;
            }
            index++;
        }
    }
}

package io.gradwatch.ui.store;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The storages attached to DL4J's UI server, seen through gradwatch's record type: which sessions
 * exist, their static info and their update records. Read-only.
 */
public final class SessionStore {

    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();

    public void attach(StatsStorage storage) {
        if (!storages.contains(storage)) {
            storages.add(storage);
        }
    }

    public void detach(StatsStorage storage) {
        storages.remove(storage);
    }

    /** Session ids with gradwatch static info, over every attached storage, in attach order. */
    public List<String> sessionIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (StatsStorage s : storages) {
            if (s.isClosed()) {
                continue;
            }
            for (String id : s.listSessionIDs()) {
                if (s.listTypeIDsForSession(id).contains(BinaryRecord.TYPE_ID)) {
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /** {@link #sessionIds()} ordered by start time, then id: the page lists runs in the order they started. */
    public List<String> sessionIdsByStart() {
        List<String> ids = sessionIds();
        java.util.Map<String, Long> start = new java.util.HashMap<>();
        for (String id : ids) {
            StatsStorage s = storageOf(id);
            long t = Long.MAX_VALUE;
            if (s != null) {
                for (Persistable p : s.getAllStaticInfos(id, BinaryRecord.TYPE_ID)) {
                    t = Math.min(t, p.getTimeStamp());
                }
            }
            start.put(id, t);
        }
        ids.sort(java.util.Comparator.<String>comparingLong(start::get)
                .thenComparing(java.util.Comparator.naturalOrder()));
        return ids;
    }

    /** The storage holding {@code sessionId}, or null. */
    public StatsStorage storageOf(String sessionId) {
        for (StatsStorage s : storages) {
            if (!s.isClosed() && s.sessionExists(sessionId)
                    && s.listTypeIDsForSession(sessionId).contains(BinaryRecord.TYPE_ID)) {
                return s;
            }
        }
        return null;
    }

    public List<String> workers(StatsStorage s, String sessionId) {
        List<String> w = new ArrayList<>(s.listWorkerIDsForSessionAndType(sessionId, BinaryRecord.TYPE_ID));
        w.sort(null);
        return w;
    }

    public SessionRecord staticInfo(StatsStorage s, String sessionId, String worker) {
        Persistable p = s.getStaticInfo(sessionId, BinaryRecord.TYPE_ID, worker);
        if (p instanceof SessionRecord r) {
            return r;
        }
        for (Persistable any : s.getAllStaticInfos(sessionId, BinaryRecord.TYPE_ID)) {
            if (any instanceof SessionRecord r) {
                return r;
            }
        }
        return null;
    }

    /** Every update record of one worker, oldest first. */
    public List<UpdateRecord> updates(StatsStorage s, String sessionId, String worker) {
        List<Persistable> all = s.getAllUpdatesAfter(sessionId, BinaryRecord.TYPE_ID, worker, Long.MIN_VALUE);
        List<UpdateRecord> out = new ArrayList<>(all.size());
        for (Persistable p : all) {
            if (p instanceof UpdateRecord u) {
                out.add(u);
            }
        }
        return out;
    }

    public UpdateRecord latest(StatsStorage s, String sessionId, String worker) {
        return s.getLatestUpdate(sessionId, BinaryRecord.TYPE_ID, worker) instanceof UpdateRecord u ? u : null;
    }
}

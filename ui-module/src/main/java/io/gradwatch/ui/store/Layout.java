package io.gradwatch.ui.store;

import io.gradwatch.report.Kind;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;
import io.gradwatch.storage.StorageRecord;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column dictionary of a session's update records: the series keys (in {@code StepReport.scalars()}
 * order, stored with their kind, layer, parameter and statistic apart) whose values a record carries, the
 * parameters ({@code gradients/<layer>/<param>}) whose gradient histograms it may carry, and each
 * layer's position in the network. Stored once per session in its {@link SessionRecord}; a new one is
 * added only if the set of series changes during a run.
 */
public final class Layout {

    private final List<SeriesKey> keys;
    private final List<String> columns;
    private final List<String> histograms;
    private final Map<String, Integer> layerIndex;
    private final Map<String, Integer> index = new HashMap<>();

    public Layout(List<SeriesKey> keys, List<String> histograms, Map<String, Integer> layerIndex) {
        this.keys = List.copyOf(keys);
        this.columns = this.keys.stream().map(SeriesKey::path).toList();
        this.histograms = List.copyOf(histograms);
        this.layerIndex = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerIndex));
        for (int i = 0; i < this.columns.size(); i++) {
            index.put(this.columns.get(i), i);
        }
    }

    /** The canonical paths of the columns ({@code SeriesKey.path()}), in column order. */
    public List<String> columns() {
        return columns;
    }

    /** The typed keys of the columns, in column order. */
    public List<SeriesKey> keys() {
        return keys;
    }

    public List<String> histograms() {
        return histograms;
    }

    public Map<String, Integer> layerIndex() {
        return layerIndex;
    }

    /** Position of {@code path} among the columns, or -1. */
    public int column(String path) {
        Integer i = index.get(path);
        return i == null ? -1 : i;
    }

    /** Position of {@code parameterPath} among the histograms, or -1. */
    public int histogram(String parameterPath) {
        return histograms.indexOf(parameterPath);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(keys.size());
        for (SeriesKey k : keys) {
            StorageRecord.writeString(out, k.kind().key());
            StorageRecord.writeString(out, k.layer());
            out.writeBoolean(k.parameter() != null);
            if (k.parameter() != null) {
                StorageRecord.writeString(out, k.parameter());
            }
            StorageRecord.writeString(out, k.statistic().key());
        }
        writeList(out, histograms);
        out.writeInt(layerIndex.size());
        for (Map.Entry<String, Integer> e : layerIndex.entrySet()) {
            StorageRecord.writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
    }

    public static Layout read(DataInputStream in) throws IOException {
        int nk = in.readInt();
        List<SeriesKey> keys = new ArrayList<>(nk);
        for (int i = 0; i < nk; i++) {
            Kind kind = kind(StorageRecord.readString(in));
            String layer = StorageRecord.readString(in);
            String parameter = in.readBoolean() ? StorageRecord.readString(in) : null;
            String statistic = StorageRecord.readString(in);
            try {
                keys.add(new SeriesKey(kind, layer, parameter, Statistic.ofKey(statistic)));
            } catch (IllegalArgumentException e) {
                throw new IOException("a column names the statistic '" + statistic + "', unknown to this gradwatch-ui;"
                        + " read the storage with the gradwatch-ui version that wrote it", e);
            }
        }
        List<String> histograms = readList(in);
        int n = in.readInt();
        Map<String, Integer> layers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            layers.put(StorageRecord.readString(in), in.readInt());
        }
        return new Layout(keys, histograms, layers);
    }

    private static Kind kind(String key) throws IOException {
        for (Kind k : Kind.values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        throw new IOException("a column names the kind '" + key + "', unknown to this gradwatch-ui;"
                + " read the storage with the gradwatch-ui version that wrote it");
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            StorageRecord.writeString(out, s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(StorageRecord.readString(in));
        }
        return list;
    }
}

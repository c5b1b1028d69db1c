package io.gradwatch.ui;

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
 * The column dictionary of a session's update records: the canonical series paths
 * ({@code SeriesKey.path()}, in {@code StepReport.scalars()} order) whose values a record carries, the
 * parameters ({@code gradients/<layer>/<param>}) whose gradient histograms it may carry, and each
 * layer's position in the network. Stored once per session in its {@link SessionRecord}; a new one is
 * added only if the set of series changes during a run.
 */
final class Layout {

    private final List<String> columns;
    private final List<String> histograms;
    private final Map<String, Integer> layerIndex;
    private final Map<String, Integer> index = new HashMap<>();

    Layout(List<String> columns, List<String> histograms, Map<String, Integer> layerIndex) {
        this.columns = List.copyOf(columns);
        this.histograms = List.copyOf(histograms);
        this.layerIndex = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerIndex));
        for (int i = 0; i < this.columns.size(); i++) {
            index.put(this.columns.get(i), i);
        }
    }

    List<String> columns() {
        return columns;
    }

    List<String> histograms() {
        return histograms;
    }

    Map<String, Integer> layerIndex() {
        return layerIndex;
    }

    /** Position of {@code path} among the columns, or -1. */
    int column(String path) {
        Integer i = index.get(path);
        return i == null ? -1 : i;
    }

    /** Position of {@code parameterPath} among the histograms, or -1. */
    int histogram(String parameterPath) {
        return histograms.indexOf(parameterPath);
    }

    void write(DataOutputStream out) throws IOException {
        writeList(out, columns);
        writeList(out, histograms);
        out.writeInt(layerIndex.size());
        for (Map.Entry<String, Integer> e : layerIndex.entrySet()) {
            StorageRecord.writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
    }

    static Layout read(DataInputStream in) throws IOException {
        List<String> columns = readList(in);
        List<String> histograms = readList(in);
        int n = in.readInt();
        Map<String, Integer> layers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            layers.put(StorageRecord.readString(in), in.readInt());
        }
        return new Layout(columns, histograms, layers);
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

package io.gradwatch.offline;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code Event} records (event.proto, summary.proto, tensor.proto, histogram.proto; field
 * numbers in /work/shared/tensorboard/SPEC.md §3-8) into what the report needs: scalars (legacy
 * {@code simple_value} or rank-0 float tensors of plugin "scalars"), histograms (legacy
 * {@code HistogramProto} or [k,3] tensors of plugin "histograms"), texts (plugin "text") and the
 * HParams session start. As TensorBoard does, a tag's plugin is the one named by its first value in
 * the run. Unknown fields and plugins are skipped. One decoder per run.
 */
final class EventDecoder {

    private final RunData run;
    private final Map<String, String> pluginOfTag = new HashMap<>();

    EventDecoder(RunData run) {
        this.run = run;
    }

    /** Decodes one record; throws IOException for bytes that are not an Event. */
    void decode(byte[] record) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(record);
        double wall = 0;
        long step = 0;
        List<byte[]> summaries = new ArrayList<>(1);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> wall = in.readDouble();
                case 2 -> step = in.readInt64();
                case 5 -> summaries.add(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        for (byte[] summary : summaries) {
            CodedInputStream s = CodedInputStream.newInstance(summary);
            for (int tag = s.readTag(); tag != 0; tag = s.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    value(s.readByteArray(), step, wall);
                } else {
                    s.skipField(tag);
                }
            }
        }
    }

    /** Summary.Value: tag (1), simple_value (2), histo (5), tensor (8), metadata (9). */
    private void value(byte[] bytes, long step, double wall) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String tag = null;
        Float simple = null;
        byte[] histo = null;
        byte[] tensor = null;
        String plugin = null;
        byte[] content = null;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
                case 1 -> tag = in.readStringRequireUtf8();
                case 2 -> simple = in.readFloat();
                case 5 -> histo = in.readByteArray();
                case 8 -> tensor = in.readByteArray();
                case 9 -> {
                    Object[] pc = metadata(in.readByteArray());
                    plugin = (String) pc[0];
                    content = (byte[]) pc[1];
                }
                default -> in.skipField(t);
            }
        }
        if (tag == null) {
            return;
        }
        if (plugin != null) {
            pluginOfTag.putIfAbsent(tag, plugin);
        }
        String p = pluginOfTag.getOrDefault(tag, "");
        if (simple != null) {
            run.scalar(tag, step, wall, simple);
        } else if (histo != null) {
            run.histogram(tag, step, HistogramRows.fromProto(histo));
        } else if (p.equals("hparams")) {
            if (content != null) {
                Map<String, Object> hp = sessionStartHParams(content);
                if (hp != null) {
                    run.hparams(hp);
                }
            }
        } else if (tensor != null) {
            Tensor t = Tensor.parse(tensor);
            switch (p) {
                case "scalars" -> run.scalar(tag, step, wall, t.scalar());
                case "histograms" -> run.histogram(tag, step, HistogramRows.fromTensor(t.doubles(), t.shape()));
                case "text" -> run.text(tag, step, wall, t.strings().isEmpty() ? "" : t.strings().get(0));
                default -> {
                    // custom-scalars layout, images and other plugins: not part of the report
                }
            }
        }
    }

    /** SummaryMetadata{plugin_data (1){plugin_name (1), content (2)}}: {plugin, content}. */
    private static Object[] metadata(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Object[] out = new Object[2];
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
                CodedInputStream pd = CodedInputStream.newInstance(in.readByteArray());
                for (int u = pd.readTag(); u != 0; u = pd.readTag()) {
                    switch (WireFormat.getTagFieldNumber(u)) {
                        case 1 -> out[0] = pd.readStringRequireUtf8();
                        case 2 -> out[1] = pd.readByteArray();
                        default -> pd.skipField(u);
                    }
                }
            } else {
                in.skipField(t);
            }
        }
        return out;
    }

    /** HParamsPluginData{session_start_info (3){hparams (1) map<string, Value>}}, or null for other hparams data. */
    static Map<String, Object> sessionStartHParams(byte[] content) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(content);
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (WireFormat.getTagFieldNumber(t) != 3) {
                in.skipField(t);
                continue;
            }
            Map<String, Object> hp = new LinkedHashMap<>();
            CodedInputStream info = CodedInputStream.newInstance(in.readByteArray());
            for (int u = info.readTag(); u != 0; u = info.readTag()) {
                if (WireFormat.getTagFieldNumber(u) != 1) {
                    info.skipField(u);
                    continue;
                }
                CodedInputStream entry = CodedInputStream.newInstance(info.readByteArray());
                String key = null;
                Object value = null;
                for (int v = entry.readTag(); v != 0; v = entry.readTag()) {
                    switch (WireFormat.getTagFieldNumber(v)) {
                        case 1 -> key = entry.readStringRequireUtf8();
                        case 2 -> value = protoValue(entry.readByteArray());
                        default -> entry.skipField(v);
                    }
                }
                if (key != null) {
                    hp.put(key, value);
                }
            }
            return hp;
        }
        return null;
    }

    /** google.protobuf.Value: number_value (2) double, string_value (3), bool_value (4). */
    private static Object protoValue(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Object v = null;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
                case 2 -> v = in.readDouble();
                case 3 -> v = in.readStringRequireUtf8();
                case 4 -> v = in.readBool();
                default -> in.skipField(t);
            }
        }
        return v;
    }

    /** The parts of a TensorProto the report reads: dtype (1), shape (2), tensor_content (4), typed values (5-10). */
    record Tensor(int dtype, long[] shape, byte[] content, List<Double> values, List<String> strings) {

        static final int DT_FLOAT = 1;
        static final int DT_DOUBLE = 2;

        static Tensor parse(byte[] bytes) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            int dtype = 0;
            List<Long> dims = new ArrayList<>();
            byte[] content = new byte[0];
            List<Double> values = new ArrayList<>();
            List<String> strings = new ArrayList<>();
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(t);
                boolean packed = WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                switch (field) {
                    case 1 -> dtype = in.readEnum();
                    case 2 -> dims = shape(in.readByteArray());
                    case 4 -> content = in.readByteArray();
                    case 5, 6, 7, 10 -> {
                        int limit = packed ? in.pushLimit(in.readRawVarint32()) : -1;
                        do {
                            values.add(switch (field) {
                                case 5 -> (double) in.readFloat();
                                case 6 -> in.readDouble();
                                case 7 -> (double) in.readInt32();
                                default -> (double) in.readInt64();
                            });
                        } while (packed && in.getBytesUntilLimit() > 0);
                        if (packed) {
                            in.popLimit(limit);
                        }
                    }
                    case 8 -> strings.add(in.readBytes().toString(StandardCharsets.UTF_8));
                    default -> in.skipField(t);
                }
            }
            return new Tensor(dtype, dims.stream().mapToLong(Long::longValue).toArray(), content, values, strings);
        }

        private static List<Long> shape(byte[] bytes) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            List<Long> dims = new ArrayList<>();
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
                if (WireFormat.getTagFieldNumber(t) == 2) {
                    CodedInputStream dim = CodedInputStream.newInstance(in.readByteArray());
                    long size = 0;
                    for (int u = dim.readTag(); u != 0; u = dim.readTag()) {
                        if (WireFormat.getTagFieldNumber(u) == 1) {
                            size = dim.readInt64();
                        } else {
                            dim.skipField(u);
                        }
                    }
                    dims.add(size);
                } else {
                    in.skipField(t);
                }
            }
            return dims;
        }

        /** Every element as a double: little-endian tensor_content if present, else the typed values. */
        double[] doubles() {
            if (content.length > 0) {
                ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
                int n = dtype == DT_DOUBLE ? content.length / 8 : content.length / 4;
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = dtype == DT_DOUBLE ? b.getDouble() : dtype == DT_FLOAT ? b.getFloat() : b.getInt();
                }
                return out;
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The one value of a scalar tensor (NaN when there is none). */
        double scalar() {
            double[] d = doubles();
            return d.length == 0 ? Double.NaN : d[0];
        }
    }
}

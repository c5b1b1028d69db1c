package io.gradwatch.ui.store;

import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Static information of one gradwatch session and worker, stored once (DL4J's "static info"): the
 * layers, the gradient scale, the hyperparameters, the model JSON and the column dictionaries
 * ({@link Layout}s) of its update records. A new layout is appended (and the record stored again) only
 * when the set of series changes.
 */
public final class SessionRecord extends BinaryRecord {

    private static final long serialVersionUID = 2L;

    private String modelClass;
    private String gradientScale;
    private List<Layer> layers = List.of();
    private Map<String, String> hyperparameters = Map.of();
    private String modelJson;
    private List<Layout> layouts = List.of();

    /** For DL4J's storages, which re-create records by class name and then decode them. */
    public SessionRecord() {
    }

    public static SessionRecord of(SessionInfo info) {
        SessionRecord r = new SessionRecord();
        r.key(info.sessionId(), info.workerId(), info.startTimeMillis());
        r.modelClass = info.modelClass();
        r.gradientScale = info.gradientScale().name();
        List<Layer> layers = new ArrayList<>();
        for (LayerInfo l : info.layers()) {
            List<String> params = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (LayerInfo.ParameterInfo p : l.parameters()) {
                params.add(p.key());
                sizes.add(p.size());
            }
            layers.add(new Layer(l.name(), l.index(), l.type(), l.activation(), params, sizes));
        }
        r.layers = List.copyOf(layers);
        Map<String, String> hp = new TreeMap<>();
        info.hyperparameters().forEach((k, v) -> hp.put(k, String.valueOf(v)));
        r.hyperparameters = hp;
        r.modelJson = info.modelJson();
        return r;
    }

    /** Static info for a session whose start was not seen (only its records' layouts are known). */
    public static SessionRecord bare(String session, String worker, long time) {
        SessionRecord r = new SessionRecord();
        r.key(session, worker, time);
        r.gradientScale = "";
        r.modelClass = "";
        return r;
    }

    /** A copy with {@code layout} appended (its number is the returned record's {@code layouts().size() - 1}). */
    public SessionRecord withLayout(Layout layout) {
        SessionRecord r = new SessionRecord();
        r.key(getSessionID(), getWorkerID(), getTimeStamp());
        r.modelClass = modelClass;
        r.gradientScale = gradientScale;
        r.layers = layers;
        r.hyperparameters = hyperparameters;
        r.modelJson = modelJson;
        List<Layout> ls = new ArrayList<>(layouts);
        ls.add(layout);
        r.layouts = List.copyOf(ls);
        return r;
    }

    /** The column dictionaries, by number. */
    public List<Layout> layouts() {
        return layouts;
    }

    /** Layout number {@code i}, or null. */
    public Layout layout(int i) {
        return i >= 0 && i < layouts.size() ? layouts.get(i) : null;
    }

    /** One layer with parameters. */
    public record Layer(String name, int index, String type, String activation, List<String> params,
                        List<Long> sizes) {
    }

    @Override
    protected void write(DataOutputStream out) throws IOException {
        writeString(out, modelClass);
        writeString(out, gradientScale);
        out.writeInt(layers.size());
        for (Layer l : layers) {
            writeString(out, l.name());
            out.writeInt(l.index());
            writeString(out, l.type());
            writeString(out, l.activation());
            out.writeInt(l.params().size());
            for (int i = 0; i < l.params().size(); i++) {
                writeString(out, l.params().get(i));
                out.writeLong(l.sizes().get(i));
            }
        }
        out.writeInt(hyperparameters.size());
        for (Map.Entry<String, String> e : hyperparameters.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        writeString(out, modelJson);
        out.writeInt(layouts.size());
        for (Layout l : layouts) {
            l.write(out);
        }
    }

    @Override
    protected void read(DataInputStream in) throws IOException {
        modelClass = readString(in);
        gradientScale = readString(in);
        int n = in.readInt();
        List<Layer> ls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int index = in.readInt();
            String type = readString(in);
            String activation = readString(in);
            int np = in.readInt();
            List<String> params = new ArrayList<>(np);
            List<Long> sizes = new ArrayList<>(np);
            for (int j = 0; j < np; j++) {
                params.add(readString(in));
                sizes.add(in.readLong());
            }
            ls.add(new Layer(name, index, type, activation, List.copyOf(params), List.copyOf(sizes)));
        }
        layers = List.copyOf(ls);
        int nh = in.readInt();
        Map<String, String> hp = new LinkedHashMap<>();
        for (int i = 0; i < nh; i++) {
            hp.put(readString(in), readString(in));
        }
        hyperparameters = hp;
        modelJson = readString(in);
        int nl = in.readInt();
        List<Layout> read = new ArrayList<>(nl);
        for (int i = 0; i < nl; i++) {
            read.add(Layout.read(in));
        }
        layouts = List.copyOf(read);
    }

    public String modelClass() {
        return modelClass;
    }

    public String gradientScale() {
        return gradientScale;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Map<String, String> hyperparameters() {
        return hyperparameters;
    }

    public String modelJson() {
        return modelJson;
    }
}

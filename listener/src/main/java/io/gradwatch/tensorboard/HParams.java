package io.gradwatch.tensorboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure encoders of the HParams plugin's data (hparams/plugin_data.proto, api.proto), written under
 * the exact tags TensorBoard looks for. {@code HParamsPluginData{version 0, oneof data:
 * experiment (2) | session_start_info (3) | session_end_info (4)}}.
 */
final class HParams {

    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";

    /** SessionEndInfo status values. */
    static final int STATUS_SUCCESS = 1;
    static final int STATUS_FAILURE = 2;

    private HParams() {
    }

    /**
     * SessionStartInfo{hparams (1) map<string, google.protobuf.Value>, group_name (4), start_time_secs (5)}.
     * Strings become string_value, numbers number_value, booleans bool_value; map entries are sorted by key.
     */
    static byte[] sessionStart(Map<String, ?> hparams, String groupName, double startTimeSecs) {
        ProtoWriter info = new ProtoWriter();
        for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
            ProtoWriter entry = new ProtoWriter().stringField(1, e.getKey()).message(2, protoValue(e.getValue()));
            info.message(1, entry);
        }
        info.stringField(4, groupName).doubleField(5, startTimeSecs);
        return pluginData(3, info);
    }

    /** SessionEndInfo{status (1), end_time_secs (2)}. */
    static byte[] sessionEnd(int status, double endTimeSecs) {
        return pluginData(4, new ProtoWriter().int32Field(1, status).doubleField(2, endTimeSecs));
    }

    /**
     * Experiment{description (1), time_created_secs (3), hparam_infos (4), metric_infos (5)}: fixes the
     * HParams tab's columns to these hparams (typed from their values, no domain) and these metric tags.
     */
    static byte[] experiment(String description, double timeCreatedSecs, Map<String, ?> hparams,
                             List<String> metricTags) {
        ProtoWriter experiment = new ProtoWriter().stringField(1, description).doubleField(3, timeCreatedSecs);
        for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
            ProtoWriter info = new ProtoWriter().stringField(1, e.getKey()).int32Field(4, typeOf(e.getValue()));
            if (e.getValue() instanceof Boolean) {
                // the HParams filter pane needs a domain for booleans; [false, true] holds every run's value.
                // Strings (regex filter) and numbers (interval filter) need none, and a domain taken from this
                // run alone would hide other runs' values, since TensorBoard uses the first experiment it finds.
                info.message(5, new ProtoWriter().message(1, protoValue(false)).message(1, protoValue(true)));
            }
            experiment.message(4, info);
        }
        for (String tag : metricTags) {
            // MetricInfo{name{group "", tag}}: the group is the run subdirectory, "" for the session's own run
            experiment.message(5, new ProtoWriter().message(1, new ProtoWriter().stringField(2, tag)));
        }
        return pluginData(2, experiment);
    }

    /** google.protobuf.Value: number_value (2), string_value (3), bool_value (4); a oneof, so always written. */
    static ProtoWriter protoValue(Object v) {
        if (v instanceof Boolean b) {
            return new ProtoWriter().repeatedVarint(4, b ? 1 : 0);
        }
        if (v instanceof Number n) {
            return new ProtoWriter().repeatedDouble(2, n.doubleValue());
        }
        return new ProtoWriter().repeatedBytes(3, String.valueOf(v).getBytes(StandardCharsets.UTF_8));
    }

    /** HParamInfo type: 1 DATA_TYPE_STRING, 2 DATA_TYPE_BOOL, 3 DATA_TYPE_FLOAT64. */
    private static int typeOf(Object v) {
        if (v instanceof Boolean) {
            return 2;
        }
        return v instanceof Number ? 3 : 1;
    }

    private static byte[] pluginData(int field, ProtoWriter data) {
        return new ProtoWriter().message(field, data).toByteArray();
    }
}

package io.gradwatch.tensorboard;

import java.nio.charset.StandardCharsets;

/**
 * Pure encoders of {@code Summary.Value} (summary.proto) in the forms TensorBoard's dashboards read:
 * legacy scalars ({@code simple_value}), legacy histograms ({@code HistogramProto}), and tensors
 * tagged with a plugin name (text, hparams, custom scalars). Value fields:
 * tag (1), simple_value (2), histo (5), tensor (8), metadata (9).
 */
final class Values {

    static final int DT_FLOAT = 1;
    static final int DT_STRING = 7;

    private Values() {
    }

    /** {@code Value{tag, simple_value}}: a float32 scalar, no metadata needed. */
    static byte[] scalar(String tag, float value) {
        ProtoWriter v = new ProtoWriter().stringField(1, tag);
        // simple_value sits in a oneof: written even when 0
        v.repeatedFloat(2, value);
        return v.toByteArray();
    }

    /** {@code Value{tag, histo}} with TensorFlow's HistogramProto. */
    static byte[] histogram(String tag, HistogramData h) {
        return new ProtoWriter().stringField(1, tag).message(5, histogramProto(h)).toByteArray();
    }

    /** HistogramProto: min (1), max (2), num (3), sum (4), sum_squares (5), bucket_limit (6), bucket (7). */
    static ProtoWriter histogramProto(HistogramData h) {
        return new ProtoWriter().doubleField(1, h.min()).doubleField(2, h.max()).doubleField(3, h.num())
                .doubleField(4, h.sum()).doubleField(5, h.sumSquares())
                .packedDoubles(6, h.bucketLimits()).packedDoubles(7, h.bucketCounts());
    }

    /** Markdown text: a rank-0 DT_STRING tensor with plugin "text". */
    static byte[] text(String tag, String markdown) {
        return value(tag, stringTensor(markdown.getBytes(StandardCharsets.UTF_8)), metadata("text", null));
    }

    /** An hparams value: plugin "hparams" with {@code content}, and the empty DT_FLOAT tensor TensorBoard expects. */
    static byte[] hparams(String tag, byte[] content) {
        ProtoWriter nullTensor = new ProtoWriter().int32Field(1, DT_FLOAT).message(2, shape(0));
        return value(tag, nullTensor, metadata("hparams", content));
    }

    /** The custom-scalars layout: tag {@code custom_scalars__config__}, a rank-0 string tensor of Layout bytes. */
    static byte[] customScalars(byte[] layout) {
        return value("custom_scalars__config__", stringTensor(layout), metadata("custom_scalars", null));
    }

    private static byte[] value(String tag, ProtoWriter tensor, ProtoWriter metadata) {
        return new ProtoWriter().stringField(1, tag).message(8, tensor).message(9, metadata).toByteArray();
    }

    private static ProtoWriter stringTensor(byte[] value) {
        return new ProtoWriter().int32Field(1, DT_STRING).message(2, new ProtoWriter()).repeatedBytes(8, value);
    }

    /** TensorShapeProto{dim{size}...}; no dims is rank 0. */
    private static ProtoWriter shape(long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(2, new ProtoWriter().int64Field(1, d));
        }
        return shape;
    }

    /** SummaryMetadata{plugin_data{plugin_name, content}}. */
    private static ProtoWriter metadata(String plugin, byte[] content) {
        ProtoWriter pluginData = new ProtoWriter().stringField(1, plugin).bytesField(2, content);
        return new ProtoWriter().message(1, pluginData);
    }
}

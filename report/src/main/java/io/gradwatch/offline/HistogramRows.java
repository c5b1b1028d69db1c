package io.gradwatch.offline;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A histogram as rows {@code [left, right, count]}, the form TensorBoard converts both of its
 * histogram encodings to: from a legacy {@code HistogramProto} the empty buckets at both ends are
 * dropped, the first row starts at {@code min} and the last ends at {@code max}; a [k,3] tensor is
 * taken as it is.
 */
record HistogramRows(double[] left, double[] right, double[] count) {

    /** HistogramProto: min (1), max (2), num (3), sum (4), sum_squares (5), bucket_limit (6), bucket (7). */
    static HistogramRows fromProto(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        double min = 0;
        double max = 0;
        List<Double> limits = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(t);
            switch (field) {
                case 1 -> min = in.readDouble();
                case 2 -> max = in.readDouble();
                case 6, 7 -> {
                    List<Double> to = field == 6 ? limits : counts;
                    if (WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            to.add(in.readDouble());
                        }
                        in.popLimit(limit);
                    } else {
                        to.add(in.readDouble());
                    }
                }
                default -> in.skipField(t);
            }
        }
        int n = Math.min(limits.size(), counts.size());
        int first = 0;
        while (first < n && counts.get(first) <= 0) {
            first++;
        }
        int last = n - 1;
        while (last >= first && counts.get(last) <= 0) {
            last--;
        }
        int rows = Math.max(0, last - first + 1);
        double[] l = new double[rows];
        double[] r = new double[rows];
        double[] c = new double[rows];
        for (int i = first; i <= last; i++) {
            l[i - first] = i == first ? min : limits.get(i - 1);
            r[i - first] = i == last ? max : limits.get(i);
            c[i - first] = counts.get(i);
        }
        return new HistogramRows(l, r, c);
    }

    /** A [k,3] tensor of rows (any other shape gives no rows). */
    static HistogramRows fromTensor(double[] values, long[] shape) {
        int k = shape.length == 2 && shape[1] == 3 ? (int) shape[0] : 0;
        if (values.length < 3L * k) {
            k = 0;
        }
        double[] l = new double[k];
        double[] r = new double[k];
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            l[i] = values[3 * i];
            r[i] = values[3 * i + 1];
            c[i] = values[3 * i + 2];
        }
        return new HistogramRows(l, r, c);
    }

    double total() {
        double s = 0;
        for (double v : count) {
            s += v;
        }
        return s;
    }
}

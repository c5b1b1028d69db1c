package io.gradwatch.tensorboard;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TFRecord file with TensorFlow's own C++ record reader (through TF Java), returning the
 * payloads. Builds the older {@code TFRecordDataset} op by name: TF Java's {@code TfRecordDataset}
 * wrapper targets an op signature that TF 2.18 rejects ("3 inputs specified of 4"). A damaged
 * file makes the reader throw (DataLoss), which is what interop tests want.
 */
final class TfReader {

    private TfReader() {
    }

    static List<byte[]> records(Path file) {
        List<byte[]> out = new ArrayList<>();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var names = tf.constant(file.toAbsolutePath().toString());
            var compression = tf.constant("");
            var buffer = tf.constant(0L);
            GraphOperation dataset = g.opBuilder("TFRecordDataset", "dataset", g.baseScope())
                    .addInput(names.asOutput()).addInput(compression.asOutput()).addInput(buffer.asOutput())
                    .build();
            GraphOperation iterator = g.opBuilder("Iterator", "iterator", g.baseScope())
                    .setAttr("shared_name", "").setAttr("container", "")
                    .setAttr("output_types", new DataType[]{DataType.DT_STRING})
                    .setAttr("output_shapes", new Shape[]{Shape.scalar()})
                    .build();
            GraphOperation make = g.opBuilder("MakeIterator", "make", g.baseScope())
                    .addInput(dataset.output(0)).addInput(iterator.output(0)).build();
            GraphOperation next = g.opBuilder("IteratorGetNext", "next", g.baseScope())
                    .addInput(iterator.output(0))
                    .setAttr("output_types", new DataType[]{DataType.DT_STRING})
                    .setAttr("output_shapes", new Shape[]{Shape.scalar()})
                    .build();
            s.runner().addTarget(make).run();
            while (true) {
                try (Result r = s.runner().fetch(next.output(0)).run()) {
                    TString t = (TString) r.get(0);
                    out.add(t.asBytes().getObject());
                } catch (TFOutOfRangeException end) {
                    return out;
                }
            }
        }
    }
}

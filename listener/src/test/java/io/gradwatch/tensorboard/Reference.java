package io.gradwatch.tensorboard;

import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The reference events file written by TensorFlow 2.18's own summary writer (shared/tensorboard,
 * copied into test resources so tests do not depend on paths): histograms of (i-500)/100 for
 * i = 0..999 (tag layer1/grad, step 0) and of its cube (step 1), an empty histogram, scalars, text,
 * hparams and a custom-scalars layout.
 */
final class Reference {

    private Reference() {
    }

    static Path file() {
        try {
            return Path.of(Reference.class.getResource("/tensorboard/reference.tfevents").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static StrictEventReader.Result read() throws IOException {
        return StrictEventReader.read(file());
    }

    /** The serialized Summary.Value with {@code tag} at {@code step}. */
    static Summary.Value value(String tag, long step) throws IOException {
        for (Event e : read().events()) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals(tag) && e.getStep() == step) {
                    return v;
                }
            }
        }
        throw new AssertionError("reference has no " + tag + " at step " + step);
    }
}

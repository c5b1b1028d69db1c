package io.gradwatch.tensorboard;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point of the interop tests: reads each file given with TensorFlow's own record
 * reader ({@link TfReader}) and writes its records to {@code <outDir>/<i>.records} as
 * (int length, bytes) pairs, printing {@code ok <i> <records>} or {@code error <i> <message>} per file.
 * Runs apart from the test JVM because TF Java needs a newer JavaCPP than ND4J.
 */
public final class TfReadMain {

    private TfReadMain() {
    }

    public static void main(String[] args) throws IOException {
        Path outDir = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            int index = i - 1;
            try {
                List<byte[]> records = TfReader.records(Path.of(args[i]));
                try (DataOutputStream out = new DataOutputStream(
                        Files.newOutputStream(outDir.resolve(index + ".records")))) {
                    for (byte[] r : records) {
                        out.writeInt(r.length);
                        out.write(r);
                    }
                }
                System.out.println("ok " + index + " " + records.size());
            } catch (RuntimeException e) {
                System.out.println("error " + index + " " + String.valueOf(e).replace('\n', ' '));
            }
        }
        System.out.flush();
    }
}

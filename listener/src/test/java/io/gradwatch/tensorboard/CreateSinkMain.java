package io.gradwatch.tensorboard;

import java.nio.file.Path;

/**
 * Child JVM of {@link RunDirectoryTest}'s permission check when the tests run as root: started without the
 * capabilities that let root write anywhere, it tries to create a TensorBoard sink in {@code args[0]} and prints
 * {@code refused <message>} or {@code created}.
 */
public final class CreateSinkMain {

    private CreateSinkMain() {
    }

    public static void main(String[] args) {
        try {
            TensorBoardSink.create(Path.of(args[0])).close();
            System.out.println("created");
        } catch (IllegalArgumentException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}

package io.gradwatch.example;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the Spark runner ({@code io.gradwatch.example.SparkExperiment}), which lives with gradwatch-spark
 * so that the example itself does not carry Spark; {@code run-example.sh --spark ...} puts it on the classpath.
 */
final class SparkRunner {

    static final String CLASS = "io.gradwatch.example.SparkExperiment";

    private SparkRunner() {
    }

    static SettingRunner create(String master, String training, Experiment.Config config, Console console) {
        try {
            return (SettingRunner) Class.forName(CLASS)
                    .getDeclaredConstructor(String.class, String.class, Experiment.Config.class, Console.class)
                    .newInstance(master, training, config, console);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--spark needs gradwatch-spark on the classpath: run "
                    + "./run-example.sh --spark " + master + " (it builds and adds it, with the JVM flags Spark needs)");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("gradwatch-spark's example runner does not match this example: " + e, e);
        }
    }
}

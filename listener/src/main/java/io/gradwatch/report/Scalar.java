package io.gradwatch.report;

/** One value of one series at one step. The value may be NaN or infinite; sinks must show it as such. */
public record Scalar(SeriesKey key, double value) {
}

package io.gradwatch.diagnosis;

/** How a verdict's message states its value against its threshold, without claiming more than is true. */
final class Thresholds {

    private Thresholds() {
    }

    /**
     * "past the threshold 3.0 decades" when {@code past}, else "back inside the threshold 3.0 decades but
     * not yet past 2.7, where this verdict ends".
     */
    static String words(boolean past, double threshold, String unit, double endsAt) {
        String t = Format.sig(threshold) + (unit.isEmpty() ? "" : " " + unit);
        return past ? "past the threshold " + t
                : "back inside the threshold " + t + " but not yet past " + Format.sig(endsAt)
                + ", where this verdict ends";
    }
}

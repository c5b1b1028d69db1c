package io.gradwatch.example;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lower-case command-line names of the example's enums. */
final class Labels {

    private Labels() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, E[] values, Function<E, String> label, String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (label.apply(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected one of "
                + Arrays.stream(values).map(label).collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }
}

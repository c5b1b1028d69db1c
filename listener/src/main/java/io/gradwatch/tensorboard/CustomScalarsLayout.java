package io.gradwatch.tensorboard;

import java.util.List;
import java.util.Objects;

/**
 * A layout for TensorBoard's Custom Scalars dashboard (custom_scalar/layout.proto): categories of
 * multiline charts, each chart drawing every scalar tag that one of its regular expressions matches
 * (Python {@code re.match}: anchored at the start only; end with {@code $} for an exact tag; see
 * {@link #exact(String)}).
 */
record CustomScalarsLayout(List<Category> categories) {

    CustomScalarsLayout {
        categories = List.copyOf(categories);
    }

    /** A titled group of charts; {@code closed} folds it in the dashboard. */
    record Category(String title, List<Chart> charts, boolean closed) {
        Category {
            Objects.requireNonNull(title, "title");
            charts = List.copyOf(charts);
        }
    }

    /** One multiline chart: every scalar tag matching one of {@code tagRegexes}. */
    record Chart(String title, List<String> tagRegexes) {
        Chart {
            Objects.requireNonNull(title, "title");
            tagRegexes = List.copyOf(tagRegexes);
            if (tagRegexes.isEmpty()) {
                throw new IllegalArgumentException("chart \"" + title + "\" needs at least one tag regex");
            }
        }
    }

    /** A regex (in Python's syntax) that matches exactly {@code tag}. */
    static String exact(String tag) {
        return literal(tag) + "$";
    }

    /** A regex (in Python's syntax) that matches {@code text} as it stands. */
    static String literal(String text) {
        StringBuilder s = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (".^$*+?{}[]\\|()".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }

    /** Layout{version 0, category (2){title (1), chart (2){title (1), multiline (2){tag (1)...}}, closed (3)}}. */
    byte[] encode() {
        ProtoWriter layout = new ProtoWriter();
        for (Category c : categories) {
            ProtoWriter category = new ProtoWriter().stringField(1, c.title());
            for (Chart chart : c.charts()) {
                ProtoWriter multiline = new ProtoWriter();
                chart.tagRegexes().forEach(t -> multiline.repeatedString(1, t));
                category.message(2, new ProtoWriter().stringField(1, chart.title()).message(2, multiline));
            }
            category.boolField(3, c.closed());
            layout.message(2, category);
        }
        return layout.toByteArray();
    }
}

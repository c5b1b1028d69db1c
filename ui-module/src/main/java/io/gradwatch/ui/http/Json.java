package io.gradwatch.ui.http;

/**
 * A minimal streaming JSON writer for the page's endpoints. Non-finite numbers are written as the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (plain JSON has no literal for
 * them, and DL4J's own UI froze on them); the page turns them back into numbers and shows them as
 * such. Strings escape {@code <}, {@code >} and {@code &} too, so a layer called
 * {@code <script>} is inert even if the JSON were embedded in HTML.
 */
public final class Json {

    private final StringBuilder sb = new StringBuilder(256);
    private boolean needComma;

    public Json beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    /** Starts a member; the next value written is its value. */
    public Json name(String name) {
        comma();
        string(sb, name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public Json value(String s) {
        comma();
        if (s == null) {
            sb.append("null");
        } else {
            string(sb, s);
        }
        needComma = true;
        return this;
    }

    public Json value(double d) {
        comma();
        number(sb, d);
        needComma = true;
        return this;
    }

    public Json value(long l) {
        comma();
        sb.append(l);
        needComma = true;
        return this;
    }

    public Json value(boolean b) {
        comma();
        sb.append(b);
        needComma = true;
        return this;
    }

    public Json nullValue() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    public Json field(String name, String s) {
        return name(name).value(s);
    }

    public Json field(String name, double d) {
        return name(name).value(d);
    }

    public Json field(String name, long l) {
        return name(name).value(l);
    }

    public Json field(String name, boolean b) {
        return name(name).value(b);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    public static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("\"NaN\"");
        } else if (d == Double.POSITIVE_INFINITY) {
            sb.append("\"Infinity\"");
        } else if (d == Double.NEGATIVE_INFINITY) {
            sb.append("\"-Infinity\"");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else if (Math.abs(d) >= 1e-30 && Math.abs(d) <= 1e30) {
            // the page plots and prints 4 significant digits: float precision (7 digits) is plenty,
            // and shorter and faster to write; outside float's comfortable range the double is kept
            sb.append((float) d);
        } else {
            sb.append(d);
        }
    }

    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A one-member error object: {"error": message}. */
    public static String error(String message) {
        return new Json().beginObject().field("error", message).endObject().toString();
    }
}

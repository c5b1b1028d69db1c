package io.gradwatch.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the verdicts gradwatch writes as TensorBoard text (tag {@code diagnosis}, written by the
 * listener's SessionLayout.diagnosis at each step where a verdict started or ended):
 * <pre>
 * **Iteration 90**
 * - started, WARNING: layer0/W: gradient RMS ...
 * - resolved, NOTE: &lt;key&gt; (since iteration 40) ended
 * In force: 2 verdict(s)
 * - WARNING since iteration 90: layer0/W: gradient RMS ...
 * </pre>
 * The timeline is every started and resolved line; the verdicts in force are those of the last text.
 */
final class DiagnosisText {

    /** One verdict line. event: started, ended or active; firstIteration is -1 when the text does not say. */
    record Entry(long iteration, String event, String severity, long firstIteration, String layer, String message) {
    }

    record Verdicts(List<Entry> timeline, List<Entry> active) {
    }

    private static final Pattern STARTED = Pattern.compile("^- started, (\\w+): (.*)$");
    private static final Pattern RESOLVED = Pattern.compile("^- resolved, (\\w+): (.*?)(?: \\(since iteration (-?\\d+)\\))? ended$");
    private static final Pattern ACTIVE = Pattern.compile("^- (\\w+) since iteration (-?\\d+): (.*)$");

    private DiagnosisText() {
    }

    static Verdicts parse(List<RunData.Text> texts, List<RunView.Layer> layers) {
        List<Entry> timeline = new ArrayList<>();
        List<Entry> active = new ArrayList<>();
        for (RunData.Text t : texts) {
            active = new ArrayList<>();
            boolean inForce = false;
            for (String line : t.text().split("\n")) {
                if (line.startsWith("In force:")) {
                    inForce = true;
                    continue;
                }
                Matcher m;
                if (!inForce && (m = STARTED.matcher(line)).matches()) {
                    timeline.add(new Entry(t.step(), "started", m.group(1), t.step(), layerOf(m.group(2), layers),
                            m.group(2)));
                } else if (!inForce && (m = RESOLVED.matcher(line)).matches()) {
                    long since = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
                    timeline.add(new Entry(t.step(), "ended", m.group(1), since, layerOf(m.group(2), layers),
                            m.group(2) + " ended"));
                } else if (inForce && (m = ACTIVE.matcher(line)).matches()) {
                    active.add(new Entry(t.step(), "active", m.group(1), Long.parseLong(m.group(2)),
                            layerOf(m.group(3), layers), m.group(3)));
                }
            }
        }
        return new Verdicts(List.copyOf(timeline), List.copyOf(active));
    }

    /** The layer a message opens with ("layer0/W: ...", "layer6 (output layer) ..."), or null. */
    private static String layerOf(String message, List<RunView.Layer> layers) {
        String best = null;
        for (RunView.Layer l : layers) {
            String n = l.name();
            if (message.startsWith(n) && (message.length() == n.length() || "/: (".indexOf(message.charAt(n.length())) >= 0)
                    && (best == null || n.length() > best.length())) {
                best = n;
            }
        }
        return best;
    }
}

package io.gradwatch.offline;

import io.gradwatch.report.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the verdicts gradwatch writes as TensorBoard text (tag {@code diagnosis}, written by the
 * listener's SessionLayout.diagnosis at each step where a verdict started or ended):
 * <pre>
 * **Iteration 90**
 * - started, WARNING: layer0/W: gradient RMS ...
 * - resolved, NOTE: VANISHING_GRADIENT:layer0/W (since iteration 40) ended
 * In force: 2 verdict(s)
 * - WARNING since iteration 90: layer0/W: gradient RMS ...
 * </pre>
 * The timeline is every started and resolved line; the verdicts in force are those of the last text.
 */
final class DiagnosisText {

    /**
     * One verdict line. event: started, ended or active; firstIteration is -1 when the text does not say;
     * layer, param and problem are null when the text does not name them.
     */
    record Entry(long iteration, String event, String severity, long firstIteration, String layer, String param,
                 Verdict.Problem problem, String message) {
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
                Matcher m;
                if (line.startsWith("In force:")) {
                    inForce = true;
                } else if (!inForce && (m = STARTED.matcher(line)).matches()) {
                    timeline.add(entry(t.step(), "started", m.group(1), t.step(), m.group(2), m.group(2), layers));
                } else if (!inForce && (m = RESOLVED.matcher(line)).matches()) {
                    String key = m.group(2); // Verdict.key(): PROBLEM:layer[/param]
                    long since = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
                    String subject = key.substring(key.indexOf(':') + 1);
                    timeline.add(entry(t.step(), "ended", m.group(1), since, subject + ":", key + " ended", layers));
                } else if (inForce && (m = ACTIVE.matcher(line)).matches()) {
                    active.add(entry(t.step(), "active", m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(3),
                            layers));
                }
            }
        }
        return new Verdicts(List.copyOf(timeline), List.copyOf(active));
    }

    /** An entry whose layer and parameter are the ones {@code subject} opens with ("layer0/W: ...", "layer6 (output ..."). */
    private static Entry entry(long iteration, String event, String severity, long first, String subject,
                               String message, List<RunView.Layer> layers) {
        String layer = null;
        for (RunView.Layer l : layers) {
            String n = l.name();
            if (subject.startsWith(n) && subject.length() > n.length() && "/: (".indexOf(subject.charAt(n.length())) >= 0
                    && (layer == null || n.length() > layer.length())) {
                layer = n;
            }
        }
        String param = null;
        if (layer != null && subject.charAt(layer.length()) == '/') {
            int end = subject.indexOf(':', layer.length());
            param = end < 0 ? null : subject.substring(layer.length() + 1, end);
        }
        return new Entry(iteration, event, severity, first, layer, param, problemOf(message), message);
    }

    /**
     * The problem a message is about. The text carries no problem code except in a resolved verdict's
     * key ("VANISHING_GRADIENT:layer0/W ended"), so otherwise this is the problem whose words the message
     * says first, in their order with at most {@link #GAP} other words between them ("the learning rate
     * is too high" says "learning rate too high"); a message names its problem before its remedies
     * ("... then the learning rate (too low or 0)"). Null when no problem's words are in the message.
     */
    static Verdict.Problem problemOf(String message) {
        Verdict.Problem best = null;
        int bestEnd = Integer.MAX_VALUE;
        List<String> tokens = List.of(message.toLowerCase(Locale.ROOT).split("[\\s.,;:()]+"));
        for (Verdict.Problem p : Verdict.Problem.values()) {
            if (message.startsWith(p.name() + ":")) {
                return p;
            }
            for (String words : wordsOf(p)) {
                int end = firstEnd(words.toLowerCase(Locale.ROOT).split(" "), tokens);
                if (end < bestEnd || (end == bestEnd && best != null && p.words().length() > best.words().length())) {
                    best = p;
                    bestEnd = end;
                }
            }
        }
        return best;
    }

    /**
     * A problem's words, and the words earlier versions used for it: "not learning" was "loss not decreasing"
     * before the diagnosis judged learning against chance level (issue 22), and older event files say so.
     */
    private static List<String> wordsOf(Verdict.Problem p) {
        return p == Verdict.Problem.LOSS_NOT_DECREASING ? List.of(p.words(), "loss not decreasing") : List.of(p.words());
    }

    /** Words of a problem may be this many tokens apart in a message ("learning rate is too high"). */
    static final int GAP = 2;

    /** The token index where the first match of {@code words} in order ends, or MAX_VALUE. */
    private static int firstEnd(String[] words, List<String> tokens) {
        for (int start = 0; start < tokens.size(); start++) {
            if (!tokens.get(start).equals(words[0])) {
                continue;
            }
            int at = start;
            int matched = 1;
            while (matched < words.length) {
                int next = -1;
                for (int k = at + 1; k <= Math.min(tokens.size() - 1, at + 1 + GAP); k++) {
                    if (tokens.get(k).equals(words[matched])) {
                        next = k;
                        break;
                    }
                }
                if (next < 0) {
                    break;
                }
                at = next;
                matched++;
            }
            if (matched == words.length) {
                return at;
            }
        }
        return Integer.MAX_VALUE;
    }
}

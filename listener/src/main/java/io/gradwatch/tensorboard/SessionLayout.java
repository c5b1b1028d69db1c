package io.gradwatch.tensorboard;

import io.gradwatch.report.Kind;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.ParameterId;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.Statistic;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.gradwatch.tensorboard.CustomScalarsLayout.exact;

/** What the TensorBoard sink writes once per run, derived from the session: layout, HParams metrics, texts. */
final class SessionLayout {

    private SessionLayout() {
    }

    /**
     * Custom scalars, category "gradwatch": every layer's gradient RMS in one chart (the vanishing
     * gradient at a glance), every layer's update:weight ratio in another, the loss with any
     * validation metrics, the total gradient norm, activation health and the non-finite counts. Only
     * charts with data are declared: a chart's series must be among the first report's scalars (a
     * layer whose activation cannot be measured writes no dead or saturated fraction, a run without
     * update statistics no ratio).
     */
    static CustomScalarsLayout layout(SessionInfo session, StepReport first) {
        Set<SeriesKey> written = new HashSet<>();
        first.scalars().forEach(s -> written.add(s.key()));
        List<String> rms = new ArrayList<>();
        List<String> log10Rms = new ArrayList<>();
        List<String> ratio = new ArrayList<>();
        for (LayerInfo layer : session.layers()) {
            for (LayerInfo.ParameterInfo p : layer.parameters()) {
                ParameterId id = new ParameterId(layer.name(), p.key());
                if (written.contains(SeriesKey.of(Kind.GRADIENTS, id, Statistic.RMS))) {
                    rms.add(exact(Tags.gradientRms(id)));
                    log10Rms.add(exact(Tags.gradientLog10Rms(id)));
                }
                if (written.contains(SeriesKey.of(Kind.UPDATES, id, Statistic.RATIO))) {
                    ratio.add(exact(Tags.updateRatio(id)));
                }
            }
        }
        List<CustomScalarsLayout.Chart> charts = new ArrayList<>();
        charts.add(new CustomScalarsLayout.Chart("loss", List.of(exact(Tags.LOSS), "validation/")));
        if (!rms.isEmpty()) {
            // first: on a linear axis a vanishing layer's 1e-8 sits on 0; its log10 sits at -8, decades apart
            charts.add(new CustomScalarsLayout.Chart("log10 of the gradient RMS, every layer (-8 = 1e-8)", log10Rms));
            charts.add(new CustomScalarsLayout.Chart("gradient RMS, every layer (" + session.gradientScale()
                    .description() + ")", rms));
        }
        if (!ratio.isEmpty()) {
            charts.add(new CustomScalarsLayout.Chart("update:weight ratio, every layer", ratio));
        }
        charts.add(new CustomScalarsLayout.Chart("gradient total norm", List.of(exact(Tags.TOTAL_NORM))));
        if (written.stream().anyMatch(k -> k.statistic() == Statistic.DEAD_FRACTION
                || k.statistic() == Statistic.SATURATED_FRACTION)) {
            charts.add(new CustomScalarsLayout.Chart("activations: dead and saturated fraction",
                    List.of(Tags.everyLayersOutput(Statistic.DEAD_FRACTION),
                            Tags.everyLayersOutput(Statistic.SATURATED_FRACTION))));
        }
        if (written.stream().anyMatch(k -> k.statistic() == Statistic.NAN_COUNT)) {
            charts.add(new CustomScalarsLayout.Chart("NaN and Inf counts",
                    List.of(Tags.everySeries(Statistic.NAN_COUNT), Tags.everySeries(Statistic.INF_COUNT),
                            exact(Tags.NON_FINITE_SKIPPED))));
        }
        return new CustomScalarsLayout(List.of(new CustomScalarsLayout.Category("gradwatch", charts, false)));
    }

    /**
     * Metric columns of the HParams tab: loss, the user metrics declared with {@code hparamsMetrics(...)},
     * total norm, the gradient RMS of each monitored layer's first monitored parameter, as the first
     * report {@code first} shows them. Only series that are written: a declared
     * column without data stays empty in TensorBoard (issue 14).
     */
    static List<String> metrics(StepReport first, List<String> userMetrics) {
        List<String> tags = new ArrayList<>();
        tags.add(Tags.LOSS);
        tags.addAll(userMetrics);
        tags.add(Tags.TOTAL_NORM);
        Set<String> layers = new HashSet<>();
        for (ParameterReport p : first.parameters()) { // monitored parameters only, in network order
            if (layers.add(p.layer())) {
                tags.add(Tags.gradientRms(p.id()));
            }
        }
        return tags;
    }

    /** Markdown describing the session (Text tab, tag gradwatch/session). */
    static String describe(SessionInfo session) {
        StringBuilder s = new StringBuilder(512);
        s.append("**gradwatch session** `").append(session.sessionId()).append("`, worker `")
                .append(session.workerId()).append("`, ").append(session.modelClass()).append("\n\n")
                .append("Gradients: ").append(session.gradientScale().description()).append(".\n\n")
                .append("| layer | type | activation | parameters |\n|---|---|---|---|\n");
        for (LayerInfo l : session.layers()) {
            s.append("| ").append(l.name()).append(" | ").append(l.type()).append(" | ").append(l.activation())
                    .append(" | ");
            for (LayerInfo.ParameterInfo p : l.parameters()) {
                s.append(p.key()).append(' ').append(p.shape()).append(' ');
            }
            s.append("|\n");
        }
        return s.toString();
    }

    /** Markdown for the diagnosis text at a step where verdicts started, ended or changed severity. */
    static String diagnosis(StepReport report) {
        StringBuilder s = new StringBuilder(256);
        s.append("**Iteration ").append(report.iteration()).append("**\n\n");
        for (Verdict v : report.diagnosis().started()) {
            s.append("- started, ").append(v.severity()).append(": ").append(v.message()).append('\n');
        }
        for (Verdict v : report.diagnosis().regraded()) {
            s.append("- now ").append(v.severity()).append(" (was ")
                    .append(v.severity() == Verdict.Severity.WARNING ? Verdict.Severity.NOTE : Verdict.Severity.WARNING)
                    .append("): ").append(v.key()).append(" (since iteration ").append(v.firstIteration()).append(")\n");
        }
        for (Verdict v : report.diagnosis().ended()) {
            s.append("- resolved, ").append(v.severity()).append(": ").append(v.key()).append(" (since iteration ")
                    .append(v.firstIteration()).append(") ended\n");
        }
        s.append("\nIn force: ").append(report.diagnosis().active().size()).append(" verdict(s)");
        for (Verdict v : report.diagnosis().active()) {
            s.append("\n- ").append(v.severity()).append(" since iteration ").append(v.firstIteration()).append(": ")
                    .append(v.message());
        }
        return s.append('\n').toString();
    }
}

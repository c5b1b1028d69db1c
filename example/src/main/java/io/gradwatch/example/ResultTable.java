package io.gradwatch.example;

import io.gradwatch.report.Verdict;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/** The final table: one row per setting, then the verdicts in full. */
final class ResultTable {

    private ResultTable() {
    }

    static String format(List<SettingResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("layer0/W gradient RMS (gradient of the mean loss, before the updater) at the first and the last report;\n")
                .append("layer0/" + ReferenceMlp.lastLayer() + ": ratio of the first to the output layer's W gradient RMS at the last report.\n\n");
        String header = String.format(Locale.ROOT, "%-16s %11s %11s %14s %8s  %-24s %s",
                "setting", "rms first", "rms last", "layer0/" + ReferenceMlp.lastLayer(), "s/epoch",
                "val. accuracy per epoch", "verdicts");
        sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (SettingResult r : results) {
            GradientSummary g = r.gradients();
            double seconds = r.epochSeconds().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            String accuracies = r.accuracies().stream().map(a -> String.format(Locale.ROOT, "%.4f", a))
                    .collect(Collectors.joining(" "));
            sb.append(String.format(Locale.ROOT, "%-16s %11.4e %11.4e %14.4e %8.1f  %-24s %s",
                    r.setting().name(), g.rmsAtFirst(), g.rmsAtLast(), g.firstToLastRatio(), seconds, accuracies,
                    shortForm(g.verdicts()))).append('\n');
        }
        sb.append("\nW gradient RMS of every layer at the last report, layer0 (input side) to ")
                .append(ReferenceMlp.lastLayer()).append(" (output):\n");
        for (SettingResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-16s", r.setting().name()));
            r.gradients().depthRms().forEach(v -> sb.append(String.format(Locale.ROOT, " %10.3e", v)));
            sb.append('\n');
        }
        sb.append("\nHidden units at the last report, layer0 to layer").append(ReferenceMlp.SIZES.size() - 3)
                .append(": sigmoid: fraction of outputs within 0.01 of 0 or 1 (saturated);")
                .append(" relu: fraction of units 0 for the whole batch (dead):\n");
        for (SettingResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-16s %-9s", r.setting().name(),
                    r.setting().act() == Act.SIGMOID ? "saturated" : "dead"));
            r.gradients().health().forEach(v -> sb.append(String.format(Locale.ROOT, " %6.3f", v)));
            sb.append('\n');
        }
        if (results.stream().anyMatch(r -> !r.gradients().verdicts().isEmpty())) {
            sb.append("\ngradwatch's verdicts at the last report:\n");
        }
        for (SettingResult r : results) {
            for (Verdict verdict : r.gradients().verdicts()) {
                sb.append(r.setting().name()).append(" ").append(verdict.severity()).append(": ")
                        .append(verdict.message()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Warnings and notes apart: "WARNING vanishing gradient: layer0 layer1; NOTE learning rate too high: layer6",
     * or "none".
     */
    static String shortForm(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "none";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Verdict.Severity severity : Verdict.Severity.values()) {
            Map<Verdict.Problem, Set<String>> layers = new LinkedHashMap<>();
            for (Verdict v : verdicts) {
                if (v.severity() == severity) {
                    layers.computeIfAbsent(v.problem(), p -> new LinkedHashSet<>()).add(v.layer());
                }
            }
            if (!layers.isEmpty()) {
                parts.add(severity + " " + layers.entrySet().stream()
                        .map(e -> e.getKey().words() + ": "
                                + String.join(" ", e.getValue()))
                        .collect(Collectors.joining("; ")));
            }
        }
        return String.join("; ", parts);
    }
}

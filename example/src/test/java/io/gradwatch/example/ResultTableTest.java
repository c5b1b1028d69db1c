package io.gradwatch.example;

import io.gradwatch.report.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTableTest {

    private static GradientSummary summary(List<Double> rms, List<Verdict> verdicts) {
        List<Long> its = new java.util.ArrayList<>();
        for (int i = 0; i < rms.size(); i++) {
            its.add(10L * i);
        }
        return new GradientSummary(its, rms, 1e-2, List.of(1e-8, 1e-5, 1e-2), List.of(0.0, 0.25), verdicts);
    }

    private static Verdict vanishing(String layer) {
        return new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.WARNING, layer, "W", 0, 5, layer + "/W is vanishing");
    }

    private static Verdict tooHigh(String layer) {
        return new Verdict(Verdict.Problem.LEARNING_RATE_TOO_HIGH, Verdict.Severity.NOTE, layer, "W", 0, 0.03, layer + "/W moves fast");
    }

    @Test
    void summary_firstLastMedianAndRatio() {
        GradientSummary s = summary(List.of(4e-8, 1e-8, 2e-8, 3e-8), List.of());

        assertEquals(4e-8, s.rmsAtFirst());
        assertEquals(3e-8, s.rmsAtLast());
        assertEquals(2.5e-8, s.medianRms(), 1e-20);
        assertEquals(3e-6, s.firstToLastRatio(), 1e-18);
        assertEquals(4, s.reports());
    }

    @Test
    void summary_empty_isNaN() {
        assertTrue(Double.isNaN(GradientSummary.EMPTY.rmsAtFirst()));
        assertTrue(Double.isNaN(GradientSummary.EMPTY.medianRms()));
    }

    @Test
    void format_oneRowPerSettingWithAccuraciesAndVerdictsInFull() {
        SettingResult sigmoid = new SettingResult(new Setting(Init.UNIFORM, Act.SIGMOID),
                summary(List.of(1.0410e-8, 1.2268e-8), List.of(vanishing("layer0"), vanishing("layer1"), tooHigh("layer6"))),
                List.of(0.1009, 0.1135), List.of(6.0, 7.0), 938);
        SettingResult relu = new SettingResult(new Setting(Init.UNIFORM, Act.RELU),
                summary(List.of(5.0262e-6, 1.7392e-3), List.of()), List.of(0.9336), List.of(6.6), 469);

        String table = ResultTable.format(List.of(sigmoid, relu));

        assertTrue(table.contains("uniform_sigmoid   1.0410e-08  1.2268e-08     1.2268e-06      6.5  0.1009 0.1135            WARNING vanishing gradient: layer0 layer1; NOTE learning rate too high: layer6"), table);
        assertTrue(table.contains("uniform_relu      5.0262e-06  1.7392e-03     1.7392e-01      6.6  0.9336"), table);
        assertTrue(table.contains("uniform_sigmoid WARNING: layer0/W is vanishing"), table);
        assertTrue(table.contains("uniform_relu      5.0262e-06  1.7392e-03     1.7392e-01      6.6  0.9336                   none"), table);
        assertTrue(table.contains("uniform_relu     dead       0.000  0.250"), table);
    }

    @Test
    void console_notATerminal_printsTheBarAtEachQuarter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        console.startBar("run", 8);
        for (int i = 0; i < 8; i++) {
            console.step(2.3);
        }
        console.endBar();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).startsWith("run [##############################] 8/8 batches"), lines.get(3));
        assertTrue(lines.get(3).endsWith("loss 2.3000"), lines.get(3));
    }
}

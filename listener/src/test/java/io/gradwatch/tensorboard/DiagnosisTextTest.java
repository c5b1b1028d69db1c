package io.gradwatch.tensorboard;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22: a severity change is an event of the TensorBoard diagnosis text too. */
class DiagnosisTextTest {

    @Test
    void severityChange_isInTheText_withItsOldAndNewSeverity() {
        Verdict note = new Verdict(Verdict.Problem.VANISHING_GRADIENT, Verdict.Severity.NOTE, "layer0", "W", 90, 4.1,
                "layer0/W: vanishing");
        Verdict warning = note.withSeverity(Verdict.Severity.WARNING);
        StepReport report = new StepReport("s", "0", 120, 0, 120, 2.3, 32, GradientScale.MEAN_LOSS, 1, List.of(),
                List.of(), false, new Overhead(0, 0, Double.NaN, 0, 0),
                new Diagnosis(List.of(warning), List.of(), List.of(), List.of(warning)));
        String text = SessionLayout.diagnosis(report);
        assertTrue(text.contains("- now WARNING (was NOTE): VANISHING_GRADIENT:layer0/W (since iteration 90)"), text);
        assertTrue(text.contains("- WARNING since iteration 90: layer0/W: vanishing"), text);
    }
}

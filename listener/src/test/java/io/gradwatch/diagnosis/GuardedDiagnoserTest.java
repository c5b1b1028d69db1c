package io.gradwatch.diagnosis;

import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.testing.ExpectedErrorOutput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExpectedErrorOutput("the injected diagnoser failures, logged with their stack traces")
class GuardedDiagnoserTest {

    @Test
    void whenDiagnoserThrows_reportKeepsTheVerdictsInForceWithoutEvents() {
        Verdict v = new Verdict(Problem.DEAD_UNITS, Verdict.Severity.WARNING, "layer1", null, 0, 0.9, "dead");
        AtomicInteger calls = new AtomicInteger();
        Diagnoser guarded = Diagnosers.guarded(() -> report -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("boom");
            }
            return new Diagnosis(List.of(v), List.of(v), List.of());
        });

        assertEquals(List.of(v), guarded.assess(FakeReports.net(0, 1e-3)).started());
        Diagnosis after = guarded.assess(FakeReports.net(1, 1e-3));
        Diagnosis again = guarded.assess(FakeReports.net(2, 1e-3));

        assertEquals(new Diagnosis(List.of(v), List.of(), List.of()), after);
        assertEquals(after, again);
    }

    @Test
    void whenFactoryThrows_diagnosisIsOffAndNothingThrows() {
        Diagnoser guarded = Diagnosers.guarded(() -> {
            throw new IllegalStateException("no diagnoser");
        });
        assertEquals(Diagnosis.none(), guarded.assess(FakeReports.net(0, 1e-3)));
    }

    @Test
    void standard_isOneStatefulDiagnoserPerCall() {
        assertTrue(Diagnosers.standard() != Diagnosers.standard());
    }
}

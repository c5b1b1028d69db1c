package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: one typed key from capture to sink; parse reads back every path, report-level ones too. */
class SeriesKeyTest {

    @Test
    void parse_readsBackEveryPath_includingLayersWithSlashes_andReportLevelSeries() {
        List<SeriesKey> keys = new ArrayList<>(List.of(SeriesKey.LOSS, SeriesKey.TOTAL_NORM,
                SeriesKey.NON_FINITE_SKIPPED));
        for (String layer : List.of("layer0", "dense/1")) {
            for (Statistic s : Statistic.values()) {
                for (Kind kind : List.of(Kind.GRADIENTS, Kind.UPDATES, Kind.WEIGHTS)) {
                    keys.add(SeriesKey.of(kind, new ParameterId(layer, "W"), s));
                }
                keys.add(SeriesKey.of(Kind.ACTIVATIONS, new ParameterId(layer, null), s));
            }
        }
        for (SeriesKey k : keys) {
            assertEquals(k, SeriesKey.parse(k.path()), k.path());
        }
    }

    @Test
    void path_keepsTheNamesSinksAlreadyUse() {
        assertEquals("loss", SeriesKey.LOSS.path());
        assertEquals("gradients/total_norm", SeriesKey.TOTAL_NORM.path());
        assertEquals("gradwatch/non_finite_skipped", SeriesKey.NON_FINITE_SKIPPED.path());
        assertEquals("gradients/layer0/W/rms", SeriesKey.of(Kind.GRADIENTS, new ParameterId("layer0", "W"),
                Statistic.RMS).path());
        assertEquals("activations/layer0/dead_fraction", SeriesKey.of(Kind.ACTIVATIONS,
                new ParameterId("layer0", null), Statistic.DEAD_FRACTION).path());
        assertEquals("layer0/W", new ParameterId("layer0", "W").path());
    }

    @Test
    void parse_unknownStatisticOrKind_failsNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse("gradients/l/W/median"))
                .getMessage().contains("median"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse("grads/l/W/rms"))
                .getMessage().contains("grads"));
    }

    @Test
    void statistic_readsItsValueFromTheArrayStats_andOnlyForTheKindsItSummarises() {
        ArrayStats s = new ArrayStats(4, 2, 1, 0.75, 1.5, -1.5, 1, 0.25, 0.9, 1, 2, 0.5);
        double[] expected = {2, 1, 0.75, 1.5, 0.5, 0.25, 0.9, -1.5, 1, 1, 2};
        Statistic[] read = {Statistic.L2, Statistic.RMS, Statistic.MEAN_ABS, Statistic.MAX_ABS,
                Statistic.ZERO_FRACTION, Statistic.MEAN, Statistic.STD, Statistic.MIN, Statistic.MAX,
                Statistic.NAN_COUNT, Statistic.INF_COUNT};
        for (int i = 0; i < read.length; i++) {
            assertEquals(expected[i], read[i].of(s), read[i].key());
        }
        assertTrue(Statistic.MEAN_ABS.summarises(Kind.GRADIENTS) && !Statistic.MEAN_ABS.summarises(Kind.WEIGHTS));
        assertTrue(Statistic.RMS.summarises(Kind.ACTIVATIONS) && !Statistic.RATIO.summarises(Kind.UPDATES));
        assertThrows(IllegalStateException.class, () -> Statistic.RATIO.of(s));
    }
}

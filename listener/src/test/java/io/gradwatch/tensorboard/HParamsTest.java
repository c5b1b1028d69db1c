package io.gradwatch.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HParamsTest {

    private static UnknownFieldSet parse(ByteString b) throws IOException {
        return UnknownFieldSet.parseFrom(b);
    }

    @Test
    void experiment_typesEachHparam_givesBooleansTheirDomain_andListsMetrics() throws IOException {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("lr", 0.1);
        hp.put("act", "relu");
        hp.put("bn", true);
        UnknownFieldSet data = UnknownFieldSet.parseFrom(HParams.experiment("d", 1.7e9, hp, List.of("loss", "acc")));
        assertTrue(data.getField(1).getVarintList().isEmpty(), "version 0 is omitted");
        UnknownFieldSet experiment = parse(data.getField(2).getLengthDelimitedList().get(0));
        Map<String, UnknownFieldSet> infos = new LinkedHashMap<>();
        for (ByteString b : experiment.getField(4).getLengthDelimitedList()) {
            UnknownFieldSet info = parse(b);
            infos.put(info.getField(1).getLengthDelimitedList().get(0).toStringUtf8(), info);
        }
        assertEquals(List.of("act", "bn", "lr"), List.copyOf(infos.keySet()), "sorted by name");
        assertEquals(List.of(1L), infos.get("act").getField(4).getVarintList(), "DATA_TYPE_STRING");
        assertEquals(List.of(2L), infos.get("bn").getField(4).getVarintList(), "DATA_TYPE_BOOL");
        assertEquals(List.of(3L), infos.get("lr").getField(4).getVarintList(), "DATA_TYPE_FLOAT64");
        UnknownFieldSet domain = parse(infos.get("bn").getField(5).getLengthDelimitedList().get(0));
        List<Long> bools = domain.getField(1).getLengthDelimitedList().stream()
                .map(v -> {
                    try {
                        return parse(v).getField(4).getVarintList().get(0);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertEquals(List.of(0L, 1L), bools);
        assertFalse(infos.get("lr").hasField(5), "no domain from one run's value");
        assertEquals(2, experiment.getField(5).getLengthDelimitedList().size());
    }

    @Test
    void sessionStart_numberZeroAndFalse_areStillWritten() throws IOException {
        UnknownFieldSet data = UnknownFieldSet.parseFrom(HParams.sessionStart(Map.of("z", 0, "f", false), "g", 1));
        UnknownFieldSet start = parse(data.getField(3).getLengthDelimitedList().get(0));
        assertEquals(2, start.getField(1).getLengthDelimitedList().size());
        for (ByteString entry : start.getField(1).getLengthDelimitedList()) {
            UnknownFieldSet value = parse(parse(entry).getField(2).getLengthDelimitedList().get(0));
            assertTrue(value.hasField(2) || value.hasField(4), "a oneof member is written even at its default");
        }
    }
}

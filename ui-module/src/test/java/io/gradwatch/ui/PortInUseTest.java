package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.*;

class PortInUseTest {

    @Test
    void ui_onAPortInUse_failsNamingTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Exception e = assertThrows(IllegalStateException.class,
                    () -> GradWatch.builder().ui(taken.getLocalPort()).build());
            assertTrue(e.getMessage().contains("ui(0)"), e.getMessage());
        }
    }
}

package io.gradwatch.example;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {

    private static final String ERASE = "\r\033[2K";

    @Test
    void aLogLineOnStandardError_whileTheBarIsShown_getsALineOfItsOwn_andTheBarComesBack() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        Console console = new Console(out, true);
        console.startBar("uniform_sigmoid epoch 1/1", 469);
        PrintStream err = console.linesAbove(out);

        err.println("WARN io.gradwatch - Iteration 90 diagnosis WARNING (starts): layer0/W: vanishing gradient");

        String screen = terminal.toString(StandardCharsets.UTF_8);
        int warn = screen.indexOf("WARN io.gradwatch");
        assertTrue(warn > 0 && screen.startsWith(ERASE, warn - ERASE.length()),
                "the bar is erased before the log line: " + screen.replace("\033", "ESC"));
        assertTrue(screen.substring(warn).contains("vanishing gradient\nuniform_sigmoid epoch 1/1 ["),
                "the bar is drawn again below the line: " + screen.replace("\033", "ESC"));
    }
}

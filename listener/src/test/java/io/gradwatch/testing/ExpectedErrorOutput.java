package io.gradwatch.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class whose passing tests log errors or warnings on purpose (a fault they inject, a
 * diagnosis they provoke). Its standard error is captured from before the first test to after the
 * last: if every test passes, one line says what was expected and how much was hidden; if one
 * fails, the captured output is printed in full.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ExpectedErrorOutputExtension.class)
public @interface ExpectedErrorOutput {

    /** What the output is, e.g. "the injected sink failures, logged once per sink". */
    String value();
}

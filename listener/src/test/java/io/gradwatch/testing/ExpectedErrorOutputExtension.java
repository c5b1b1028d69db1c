package io.gradwatch.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** The extension behind {@link ExpectedErrorOutput}. */
final class ExpectedErrorOutputExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ExpectedErrorOutputExtension.class);

    /** The capture of one test class and whether any of its tests failed. */
    private static final class ClassCapture {
        final StderrCapture capture = StderrCapture.start();
        volatile boolean failed;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(ClassCapture.class, new ClassCapture());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ClassCapture c = context.getStore(NAMESPACE).get(ClassCapture.class, ClassCapture.class);
        if (c != null) {
            c.failed = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassCapture c = context.getStore(NAMESPACE).remove(ClassCapture.class, ClassCapture.class);
        c.capture.close();
        String text = c.capture.text();
        String name = context.getRequiredTestClass().getSimpleName();
        boolean failed = c.failed || context.getExecutionException().isPresent();
        if (failed) {
            c.capture.previous().println("standard error of " + name + ", captured:");
            c.capture.previous().print(text);
        } else if (!text.isEmpty()) {
            long lines = text.lines().count();
            String reason = context.getRequiredTestClass().getAnnotation(ExpectedErrorOutput.class).value();
            c.capture.previous().println("expected: " + name + " logged " + lines + (lines == 1 ? " line" : " lines")
                    + " of standard error (" + reason + "); hidden because its tests passed");
        }
    }
}

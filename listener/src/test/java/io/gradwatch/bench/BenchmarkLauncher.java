package io.gradwatch.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs one benchmark's {@code main} for the parent pom's {@code bench} profile (docs/testing.md) and
 * ends the JVM when it returns: a benchmark that starts DL4J's UI server leaves its non-daemon
 * threads running, and the build would otherwise wait for them forever.
 */
public final class BenchmarkLauncher {

    private BenchmarkLauncher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: BenchmarkLauncher <benchmark class in io.gradwatch.bench> [arguments...]");
            System.exit(2);
        }
        String name = "io.gradwatch.bench." + args[0];
        Method main;
        try {
            main = Class.forName(name).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("no benchmark " + name + " with a main method on this module's test classpath");
            System.exit(2);
            return;
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        } catch (IllegalAccessException e) {
            System.err.println(name + ".main is not public");
            System.exit(2);
        }
        System.exit(0);
    }
}

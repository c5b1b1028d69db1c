package io.gradwatch.ui.server;

/**
 * The threads of the program that started gradwatch's UI server: the non-daemon threads in the thread group
 * of the thread that started it (and its subgroups), other than Vert.x's own and the JVM's DestroyJavaVM.
 *
 * <p>The group, not the whole JVM: {@code mvn exec:java} runs main in a thread group of its own inside Maven's
 * JVM, where Maven's main thread stays alive, waiting for the program's non-daemon threads (Vert.x's among
 * them) to end. Looking at every thread of the JVM, the server would wait for Maven and Maven for the server.
 * Under {@code java -cp} the group is "main", which holds every thread the program starts.
 */
final class ProgramThreads {

    private final ThreadGroup group;

    private ProgramThreads(ThreadGroup group) {
        this.group = group;
    }

    /** The program of the calling thread. */
    static ProgramThreads ofCurrentThread() {
        return new ProgramThreads(Thread.currentThread().getThreadGroup());
    }

    /** Whether a thread of the program (see the class comment) is still alive. */
    boolean running() {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t.isAlive() && !t.isDaemon() && !t.getName().startsWith("vert.x-")
                    && !t.getName().equals("DestroyJavaVM")) {
                return true;
            }
        }
        return false;
    }
}

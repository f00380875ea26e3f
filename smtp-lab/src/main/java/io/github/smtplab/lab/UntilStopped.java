package io.github.smtplab.lab;

import java.util.concurrent.CountDownLatch;

/** How a long-running command ({@code serve}, {@code dns serve}) waits: until Ctrl-C, or until a test counts down. */
final class UntilStopped {

    private UntilStopped() {}

    /**
     * Blocks until {@code stop} is counted down. On Ctrl-C the JVM waits only for its shutdown hooks, so the
     * hook itself closes {@code server} (gracefully, as its close() does) before the process ends.
     */
    static void await(CountDownLatch stop, AutoCloseable server) throws InterruptedException {
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                server.close();
            } catch (Exception e) {
                // the process is ending anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the hook is running
            }
        }
    }
}

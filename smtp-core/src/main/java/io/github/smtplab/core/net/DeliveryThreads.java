package io.github.smtplab.core.net;

import io.github.smtplab.core.ServerSession;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that store messages for the event-loop shell: a fixed pool of platform threads waiting on
 * a queue. Storing a message is blocking file work (create, write, fsync, rename, fsync the directory);
 * on a loop it would stop every other connection. Platform threads rather than a virtual thread per
 * hand-over: each new virtual thread woke the scheduler's carrier threads, which then spun looking for
 * work, and that cost about 100 microseconds of CPU per 1 KB message (measured, issue 17).
 *
 * <p>(The threaded shell stores on the connection's own virtual thread: handing the same work to these
 * threads and waiting was measured too, and cost slightly more.)
 */
final class DeliveryThreads implements AutoCloseable {

    private final ExecutorService pool;

    DeliveryThreads(int threads, String name) {
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(name, 0).daemon().factory());
    }

    /**
     * True when the session's next input may store a message: once it has a recipient (states RCPT, DATA,
     * BDAT), the next octets may open the message (DATA, BDAT), fill it, or end it (and the end of data
     * means an fsync before the 250). Before that, input is command lines the loop answers itself.
     */
    static boolean mayBlock(ServerSession session) {
        ServerSession.State state = session.state();
        return state == ServerSession.State.RCPT || state == ServerSession.State.DATA || state == ServerSession.State.BDAT;
    }

    /** Runs {@code task} on a delivery thread, later. */
    void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

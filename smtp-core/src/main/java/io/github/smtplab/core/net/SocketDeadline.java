package io.github.smtplab.core.net;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deadline on one blocking socket operation that {@code setSoTimeout} cannot bound: a write (RFC 5321
 * §4.5.3.2.5, "Data Block: 3 minutes" for each TCP send) or a whole TLS handshake. A blocking
 * {@code java.net} socket has no write timeout: a server that stops reading fills the socket buffers and
 * the write blocks forever; a handshake made of many reads can be dripped out for ever. So an alarm
 * closes the socket when the operation has not returned in time, which makes it fail; the failure is
 * then reported as a {@link DeadlineExceededException}.
 */
final class SocketDeadline {

    /** One daemon timer thread for every client: it only closes sockets. */
    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "smtp-write-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** An operation that may block. */
    @FunctionalInterface
    interface Blocking {
        void run() throws IOException;
    }

    private SocketDeadline() {}

    /**
     * Runs {@code operation}; if it has not returned within {@code limit}, closes {@code socket}.
     *
     * @param what what the operation is, with its RFC basis, for the error message
     */
    static void within(Duration limit, Socket socket, String what, Blocking operation) throws IOException {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = ALARMS.schedule(() -> {
            fired.set(true);
            SmtpServer.closeQuietly(socket);
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            operation.run();
        } catch (IOException e) {
            if (fired.get()) {
                throw new DeadlineExceededException(what + " did not finish within " + SmtpClient.human(limit));
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }
}

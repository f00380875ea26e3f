package io.github.smtplab.core.net;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TlsInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server connection: reads what the client sends, gives it to the {@link ServerSession}, writes the
 * replies back (all replies of one read in one write, RFC 2920 §3.2), and does what the engine asks
 * (close, start TLS). No protocol decision is taken here.
 *
 * <p>Deadlines ({@link ServerTimeouts}): each command line must be complete within its deadline,
 * counted from the last reply; each message's content within its own; a read never waits longer than
 * what is left. Java sockets have no write timeout, so a watchdog closes the socket when a write (or a
 * TLS handshake) is still blocked at its deadline.
 *
 * <p>Memory: an idle connection holds a small read buffer ({@value #COMMAND_BUFFER} octets: command
 * lines are at most 512, RFC 5321 §4.5.3.1.4); the large buffer for message content exists only while a
 * message is arriving.
 */
final class ServerConnection {

    static final int COMMAND_BUFFER = 1024;
    static final int DATA_BUFFER = 64 * 1024;

    private Socket socket;
    /**
     * The TCP connection under {@link #socket} (the same socket without TLS). The watchdog closes this one:
     * closing a TLS socket would first try to send close_notify, behind the very write that is stuck.
     */
    private final Socket tcp;
    private final ServerSession session;
    private final TlsInfo implicitTls;
    private final TlsUpgrade tlsUpgrade;
    private final ServerTimeouts timeouts;
    private final ScheduledExecutorService watchdog;
    private volatile boolean shuttingDown;
    /** True while the thread waits for a command outside any transaction: safe to interrupt for shutdown. */
    private volatile boolean idle;

    ServerConnection(Socket tcp, Socket socket, ServerSession session, TlsInfo implicitTls, TlsUpgrade tlsUpgrade,
                     ServerTimeouts timeouts, ScheduledExecutorService watchdog) {
        this.tcp = tcp;
        this.socket = socket;
        this.session = session;
        this.implicitTls = implicitTls;
        this.tlsUpgrade = tlsUpgrade;
        this.timeouts = timeouts;
        this.watchdog = watchdog;
    }

    void run() throws IOException {
        try {
            converse();
        } catch (IOException | RuntimeException e) {
            session.connectionLost();   // e.g. a write that hit its deadline: nothing half-received is delivered
            throw e;
        } finally {
            // close what the session speaks on: for TLS this sends close_notify (RFC 8446 §6.1) before the
            // socket underneath is closed
            SmtpServer.closeQuietly(socket);
        }
    }

    private void converse() throws IOException {
        if (implicitTls != null) {
            session.tlsStarted(implicitTls);   // RFC 8314 §3: TLS first, then the SMTP greeting
        }
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        write(out, session.start().replies());
        byte[] buffer = new byte[COMMAND_BUFFER];
        long commandDeadline = deadlineAfter(timeouts.commandLine());
        long messageDeadline = Long.MAX_VALUE;
        boolean wasReceivingMessage = false;
        while (!session.isClosed()) {
            boolean receivingMessage = receivingMessage();
            if (receivingMessage && !wasReceivingMessage) {
                messageDeadline = deadlineAfter(timeouts.message());   // 354 sent, or a BDAT chunk announced
            }
            wasReceivingMessage = receivingMessage;
            long deadline = receivingMessage
                    ? Math.min(messageDeadline, deadlineAfter(timeouts.commandLine()))   // and no read longer than for a command
                    : commandDeadline;
            int n;
            idle = !session.inTransaction();
            try {
                socket.setSoTimeout(millisUntil(deadline));
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                write(out, session.timeout().replies());   // §4.5.3.2: 421 4.4.2
                return;
            } catch (IOException e) {
                if (shuttingDown && !session.inTransaction()) {
                    return;
                }
                throw e;
            } finally {
                idle = false;
            }
            if (n < 0) {
                if (shuttingDown && !session.inTransaction()) {
                    write(out, session.shutdown().replies());
                } else {
                    session.connectionLost();   // nothing half-received is ever delivered
                }
                return;
            }
            ServerSession.Output output = session.receive(ByteBuffer.wrap(buffer, 0, n));
            write(out, output.replies());
            if (!output.replies().isEmpty()) {
                commandDeadline = deadlineAfter(timeouts.commandLine());   // a command was answered: the next one's turn
            }
            switch (output.action()) {
                case CLOSE -> {
                    return;
                }
                case START_TLS -> {
                    if (tlsUpgrade == null) {
                        throw new IllegalStateException("an extension offered STARTTLS but the server has no TlsUpgrade");
                    }
                    Socket plain = socket;
                    TlsUpgrade.Upgraded upgraded = withDeadline(timeouts.commandLine(), () -> tlsUpgrade.upgrade(plain));
                    socket = upgraded.socket();
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                    session.tlsStarted(upgraded.info());
                    commandDeadline = deadlineAfter(timeouts.commandLine());
                }
                case CONTINUE -> { }
            }
            if (shuttingDown && !session.inTransaction()) {
                write(out, session.shutdown().replies());   // the transaction in progress is done: now 421
                return;
            }
            if (receivingMessage() != (buffer.length == DATA_BUFFER)) {
                buffer = new byte[receivingMessage() ? DATA_BUFFER : COMMAND_BUFFER];
            }
        }
    }

    private boolean receivingMessage() {
        return session.state() == ServerSession.State.DATA || session.state() == ServerSession.State.BDAT;
    }

    /** Tells a client with no open transaction 421 and closes; others finish their transaction first. */
    void beginShutdown() {
        shuttingDown = true;
        if (idle) {
            try {
                socket.shutdownInput();   // the reader sees end of stream, then says 421
            } catch (IOException | UnsupportedOperationException e) {
                forceClose();              // TLS sockets cannot half-close: just close
            }
        }
    }

    /** Sends 421 on a connection accepted while the server is closing. */
    void refuseShuttingDown() throws IOException {
        write(socket.getOutputStream(), session.shutdown().replies());
    }

    void forceClose() {
        SmtpServer.closeQuietly(socket);
    }

    /** Writes the replies of one read in one write; a client that does not read them for too long is dropped. */
    private void write(OutputStream out, List<Reply> replies) throws IOException {
        if (replies.isEmpty()) {
            return;
        }
        byte[] bytes = ReplyWire.bytes(replies);
        withDeadline(timeouts.write(), () -> {
            out.write(bytes);
            out.flush();
            return null;
        });
    }

    /** Something that may block on the socket. */
    @FunctionalInterface
    interface Blocking<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action}; if it is still blocked after {@code deadline}, the watchdog closes the TCP
     * connection, which ends the blocked call with an exception.
     */
    private <T> T withDeadline(Duration deadline, Blocking<T> action) throws IOException {
        ScheduledFuture<?> alarm = watchdog.schedule(() -> SmtpServer.closeQuietly(tcp), deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return action.run();
        } finally {
            alarm.cancel(false);
        }
    }

    /** The deadline {@code duration} from now, on the monotonic clock ({@link System#nanoTime()}). */
    private static long deadlineAfter(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    /** What is left until {@code deadline}, as a socket timeout: at least 1 ms (0 would mean "for ever"). */
    private static int millisUntil(long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }
}

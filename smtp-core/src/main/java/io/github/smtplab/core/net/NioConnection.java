package io.github.smtplab.core.net;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerSession;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * One connection of the event-loop shell: the {@link ServerConnection} of the threaded shell, turned
 * inside out. Instead of a thread that blocks in {@code read}, the loop calls {@link #onReadable} when
 * octets are there; instead of a blocking {@code write}, what the socket does not take at once waits
 * for {@link #onWritable}. The protocol is the same {@link ServerSession}, fed the same way.
 *
 * <p>Deadlines ({@link ServerTimeouts}), as in the threaded shell: each command line within its
 * deadline from the last reply; message content within its own, and no read waiting longer than a
 * command line; a client that does not read its replies within the write deadline is dropped.
 *
 * <p>Blocking work: once the session has a recipient, the next octets may open, fill or finish a
 * message, and finishing it means an fsync before the 250. So from then on (states RCPT, DATA, BDAT) the
 * octets go to a worker thread, which feeds the session and hands the replies back to the loop; the
 * loop stops reading this connection meanwhile. The handing over orders every access to the session,
 * so it is never touched by two threads at once.
 *
 * <p>Only the loop's thread calls these methods (except the worker's {@code session.receive}).
 */
final class NioConnection {

    private static final Logger LOG = System.getLogger(SmtpServer.class.getName());
    private static final long NONE = Long.MAX_VALUE;

    private final EventLoopShell shell;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final ServerSession session;
    private final ConnectionLimits.Permit permit;
    private final ServerTimeouts timeouts;
    private SelectionKey key;

    /** Replies the socket has not taken yet. */
    private ByteBuffer unsent;
    private long writeDeadline = NONE;
    private long commandDeadline;
    private long messageDeadline = NONE;
    private boolean wasReceivingMessage;
    private long readDeadline = NONE;
    /** A worker holds the session: the loop neither reads nor checks deadlines. */
    private boolean busy;
    private boolean closeWhenSent;
    private boolean shuttingDown;
    private boolean closed;

    NioConnection(EventLoopShell shell, EventLoop loop, SocketChannel channel, ServerSession session, ConnectionLimits.Permit permit) {
        this.shell = shell;
        this.loop = loop;
        this.channel = channel;
        this.session = session;
        this.permit = permit;
        this.timeouts = shell.settings.timeouts;
    }

    EventLoop loop() {
        return loop;
    }

    /** Registers with the loop and sends the greeting (or 421 if the server is closing). */
    void start() throws IOException {
        key = loop.register(channel, 0, this);
        commandDeadline = deadlineAfter(timeouts.commandLine());
        if (shell.closing) {
            send(session.shutdown().replies());
            closeWhenSent = true;
        } else {
            send(session.start().replies());
        }
        next();
    }

    /** The socket has octets (or end of stream). */
    void onReadable(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = channel.read(buffer);
        if (n == 0) {
            return;
        }
        if (n < 0) {
            if (shuttingDown && !session.inTransaction()) {
                send(session.shutdown().replies());
                closeWhenSent = true;
                next();
            } else {
                session.connectionLost();   // nothing half-received is ever delivered
                close();
            }
            return;
        }
        buffer.flip();
        if (DeliveryThreads.mayBlock(session)) {
            ByteBuffer octets = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();   // the loop's buffer is for the next connection
            busy = true;
            key.interestOps(0);
            shell.workers.execute(() -> {
                ServerSession.Output output;
                try {
                    output = session.receive(octets);
                } catch (RuntimeException e) {
                    loop.execute(() -> {
                        busy = false;
                        failed(e);
                    });
                    return;
                }
                loop.execute(() -> received(output));
            });
        } else {
            received(session.receive(buffer));
        }
    }

    /** What the session made of the octets: send the replies, then do what it says. */
    private void received(ServerSession.Output output) {
        busy = false;
        if (closed) {
            session.connectionLost();   // closed while a worker held the session: drop what it holds
            return;
        }
        try {
            send(output.replies());
            if (!output.replies().isEmpty()) {
                commandDeadline = deadlineAfter(timeouts.commandLine());   // a command was answered: the next one's turn
            }
            switch (output.action()) {
                case CLOSE -> closeWhenSent = true;
                case START_TLS -> {
                    LOG.log(Level.WARNING, EventLoopShell.NO_TLS);   // an extension offered STARTTLS anyway
                    closeWhenSent = true;
                }
                case CONTINUE -> { }
            }
            if (shuttingDown && !closeWhenSent && !session.inTransaction()) {
                send(session.shutdown().replies());   // the transaction in progress is done: now 421
                closeWhenSent = true;
            }
            next();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** The socket takes more of the unsent replies. */
    void onWritable() throws IOException {
        channel.write(unsent);
        if (!unsent.hasRemaining()) {
            unsent = null;
            writeDeadline = NONE;
            next();
        }
    }

    /** Writes what the socket takes now; the rest waits for {@link #onWritable}. */
    private void send(List<Reply> replies) throws IOException {
        if (replies.isEmpty()) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(ReplyWire.bytes(replies));
        if (unsent != null) {   // a 421 behind replies still waiting: keep the order
            bytes = ByteBuffer.allocate(unsent.remaining() + bytes.remaining()).put(unsent).put(bytes).flip();
            unsent = null;
        }
        channel.write(bytes);
        if (bytes.hasRemaining()) {
            unsent = bytes;
            writeDeadline = deadlineAfter(timeouts.write());
            loop.deadlineAt(writeDeadline);
        }
    }

    /** What to wait for now: the rest of a write, the next octets, or nothing (closed). */
    private void next() throws IOException {
        if (unsent != null) {
            key.interestOps(SelectionKey.OP_WRITE);   // no reading while the client does not read (back-pressure)
            return;
        }
        if (closeWhenSent || session.isClosed()) {
            close();
            return;
        }
        boolean receivingMessage = receivingMessage();
        if (receivingMessage && !wasReceivingMessage) {
            messageDeadline = deadlineAfter(timeouts.message());   // 354 sent, or a BDAT chunk announced
        }
        wasReceivingMessage = receivingMessage;
        readDeadline = receivingMessage
                ? Math.min(messageDeadline, deadlineAfter(timeouts.commandLine()))   // and no read longer than for a command
                : commandDeadline;
        loop.deadlineAt(readDeadline);
        key.interestOps(SelectionKey.OP_READ);
    }

    private boolean receivingMessage() {
        return session.state() == ServerSession.State.DATA || session.state() == ServerSession.State.BDAT;
    }

    /**
     * Called by the loop when a deadline may be due: a write that did not finish is dropped, a client
     * that did not send in time gets {@code 421 4.4.2} (RFC 5321 §4.5.3.2). Returns the next deadline.
     */
    long checkDeadline(long now) {
        if (closed || busy) {
            return NONE;
        }
        try {
            if (unsent != null) {
                if (now - writeDeadline >= 0) {
                    session.connectionLost();
                    close();
                    return NONE;
                }
                return writeDeadline;
            }
            if (now - readDeadline >= 0) {
                send(session.timeout().replies());
                closeWhenSent = true;
                next();
                return unsent != null ? writeDeadline : NONE;
            }
            return readDeadline;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return NONE;
        }
    }

    /** Tells a client with no open transaction 421 and closes; others finish their transaction first. */
    void beginShutdown() {
        shuttingDown = true;
        if (closed || busy || unsent != null || session.inTransaction()) {
            return;   // received() or onReadable() says 421 when the transaction is over
        }
        try {
            send(session.shutdown().replies());
            closeWhenSent = true;
            next();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** Something broke (the peer reset, a hook threw): nothing half-received is delivered. */
    void failed(Exception e) {
        LOG.log(Level.DEBUG, "connection: {0}", e.toString());
        if (!busy) {
            session.connectionLost();
        }
        close();
    }

    /** Closes now, whatever the state (the end of the grace period). */
    void forceClose() {
        if (!busy && !closed) {
            session.connectionLost();
        }
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken: nothing left to release
        }
        permit.close();
        loop.forget(this);
        shell.connections.remove(this);
    }

    private static long deadlineAfter(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }
}

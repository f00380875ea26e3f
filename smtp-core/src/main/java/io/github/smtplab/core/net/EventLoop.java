package io.github.smtplab.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One event loop: a platform thread, a {@link Selector}, and the connections registered with it. Each
 * turn it waits until a channel is ready or a deadline is due, handles what is ready, then runs the
 * tasks other threads queued for it ({@link #execute}: a new connection, a worker's result). Everything
 * a connection does happens on its loop's thread, so nothing in a {@link NioConnection} needs a lock.
 *
 * <p>Deadlines: a connection tells its loop when its current deadline falls ({@link #deadlineAt}); the
 * loop sleeps no longer than until the nearest one it was told about, then checks its connections
 * ({@link NioConnection#checkDeadline}), which also finds the next nearest one.
 */
final class EventLoop {

    private static final Logger LOG = System.getLogger(SmtpServer.class.getName());
    /** The longest a loop sleeps without looking at its deadlines (a deadline told late is still kept). */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoopShell shell;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<NioConnection> connections = new HashSet<>();
    /**
     * What the loop reads into, for all its connections: the session consumes every octet at once
     * (an unfinished line stays inside the session), so an idle connection holds no buffer at all.
     */
    final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private long nextCheck = System.nanoTime() + MAX_SLEEP_NANOS;
    private volatile boolean running = true;

    EventLoop(EventLoopShell shell, String name) throws IOException {
        this.shell = shell;
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to stop after its current turn (the connections were closed before). */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Runs {@code task} on this loop's thread, soon. Callable from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /** On the loop: registers a channel (already non-blocking) for {@code ops}. */
    SelectionKey register(SelectableChannel channel, int ops, NioConnection connection) {
        try {
            SelectionKey key = channel.register(selector, ops, connection);
            if (connection != null) {
                connections.add(connection);
            }
            return key;
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On the loop: the connection is gone. */
    void forget(NioConnection connection) {
        connections.remove(connection);
    }

    /** On the loop: a connection's deadline falls at {@code nanoTime}; wake up for it. */
    void deadlineAt(long nanoTime) {
        if (nanoTime - nextCheck < 0) {
            nextCheck = nanoTime;
        }
    }

    private void run() {
        while (running) {
            try {
                long now = System.nanoTime();
                if (nextCheck - now <= 0) {
                    checkDeadlines(now);
                }
                long sleep = Math.min(MAX_SLEEP_NANOS, Math.max(0, nextCheck - System.nanoTime()));
                if (tasks.isEmpty()) {
                    selector.select(this::ready, Math.max(1, TimeUnit.NANOSECONDS.toMillis(sleep)));
                } else {
                    selector.selectNow(this::ready);
                }
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "event loop: {0}", e.toString());   // one connection's trouble never stops the loop
            }
        }
        for (NioConnection connection : new ArrayList<>(connections)) {
            connection.forceClose();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the loop is over either way
        }
    }

    /** One ready channel: the listener (accept) or a connection (read, write). */
    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            shell.acceptAll();
            return;
        }
        NioConnection connection = (NioConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.onWritable();
            } else if (key.isReadable()) {
                connection.onReadable(readBuffer);
            }
        } catch (IOException | RuntimeException e) {
            connection.failed(e);
        }
    }

    private void checkDeadlines(long now) {
        nextCheck = now + MAX_SLEEP_NANOS;
        for (NioConnection connection : new ArrayList<>(connections)) {
            long next = connection.checkDeadline(now);
            if (next - nextCheck < 0) {
                nextCheck = next;
            }
        }
    }
}

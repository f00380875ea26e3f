package io.github.smtplab.relay;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link QueueRunner} in the background: at a fixed interval, and at once when woken up.
 *
 * <p>One failed run never stops the worker: whatever a run throws (an I/O error, a bug that throws a
 * RuntimeException, an Error such as an AssertionError or a LinkageError) is logged as a warning with
 * its stack trace and the next run happens as usual, so a hostile mail host cannot stop delivery for
 * everyone. The one exception is {@link VirtualMachineError} (OutOfMemoryError, StackOverflowError,
 * InternalError): the JVM itself is then in doubt, and carrying on could corrupt the spool. The worker
 * logs it as an error saying that the queue stopped, keeps it for {@link #failure()}, and ends its
 * thread. (The client's reply bounds exist so that a peer cannot cause an OutOfMemoryError.)
 */
public final class QueueWorker implements AutoCloseable {

    private static final Logger LOG = System.getLogger(QueueWorker.class.getName());

    private final QueueRunner runner;
    private final Duration interval;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile VirtualMachineError failure;

    private QueueWorker(QueueRunner runner, Duration interval) {
        this.runner = runner;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("smtp-queue").start(this::loop);
    }

    public static QueueWorker start(QueueRunner runner, Duration interval) {
        return new QueueWorker(runner, interval);
    }

    /** Asks for a run now (a message was just queued). */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (running) {
                    QueueRunner.Report report = runner.runOnce();
                    if (report.delivered() + report.deferred() + report.bounced() > 0) {
                        LOG.log(Level.INFO, "queue run: {0}", report);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (VirtualMachineError e) {
                failure = e;
                LOG.log(Level.ERROR, "the outbound queue stopped: the JVM reported " + e
                        + "; messages stay in the spool until the server restarts", e);
                throw e;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "queue run failed, the queue goes on with the next run: " + e, e);
            } catch (Error e) {
                LOG.log(Level.WARNING, "queue run failed with " + e + ", the queue goes on with the next run", e);
            }
        }
    }

    /** True while the worker's thread runs: false after {@link #close()} or a {@link VirtualMachineError}. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** The error that stopped the worker, if one did (see the class comment). */
    public java.util.Optional<VirtualMachineError> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

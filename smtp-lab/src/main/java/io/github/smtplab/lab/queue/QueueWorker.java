package io.github.smtplab.lab.queue;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Runs a {@link QueueRunner} in the background: at a fixed interval, and at once when woken up. */
public final class QueueWorker implements AutoCloseable {

    private static final Logger LOG = System.getLogger(QueueWorker.class.getName());

    private final QueueRunner runner;
    private final Duration interval;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

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
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "queue run failed: {0}", e.toString());
            }
        }
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

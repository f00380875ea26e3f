package io.github.smtplab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent peer program run by a test (Postfix's smtp-sink, a Python script, BIND's named...):
 * started, waited for until it listens, and always stopped — even when the test fails or the JVM exits.
 * Its output goes to a log file that failures can show.
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Thread killer;

    private PeerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code command} and waits until something accepts TCP connections on {@code 127.0.0.1:port}. */
    public static PeerProcess startListening(List<String> command, int port, Duration within) throws IOException {
        PeerProcess peer = start(command);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!peer.process.isAlive()) {
                throw new IOException(command.getFirst() + " exited with " + peer.process.exitValue() + ": " + peer.output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return peer;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        peer.close();
        throw new IOException(command.getFirst() + " did not listen on port " + port + " within " + within + ": " + peer.output());
    }

    /** Starts {@code command} with its output captured. */
    public static PeerProcess start(List<String> command) throws IOException {
        Path log = Files.createTempFile("peer-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PeerProcess(process, log);
    }

    /** Runs {@code command} to its end (bounded); returns its exit code and output. */
    public static Result run(List<String> command, Duration within) throws IOException, InterruptedException {
        try (PeerProcess peer = start(command)) {
            if (!peer.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.getFirst() + " did not finish within " + within + ": " + peer.output());
            }
            return new Result(peer.process.exitValue(), peer.output());
        }
    }

    /** The exit code and everything the program printed. */
    public record Result(int exitCode, String output) {}

    /** What the program printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port that was free a moment ago, for a peer that cannot pick its own. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Kills the program at once, as {@code kill -9} does (SIGKILL on Linux): no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook will run anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

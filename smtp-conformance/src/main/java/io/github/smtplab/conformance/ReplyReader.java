package io.github.smtplab.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies from a server the suite does not trust: every read has a deadline, a line is at most
 * {@value #MAX_LINE} octets and a reply at most {@value #MAX_LINES} lines, so a hostile or broken server can
 * make a probe fail but never hang it or fill the memory. Its own code, not smtp-core's.
 */
public final class ReplyReader {

    /** Longest line accepted, CRLF included (RFC 5321 4.5.3.1.5 asks for 512; 8 times that is generous). */
    public static final int MAX_LINE = 4096;
    /** Most lines in one reply. */
    public static final int MAX_LINES = 500;

    /** Sets how long one blocking read may wait: a socket's SO_TIMEOUT. */
    @FunctionalInterface
    public interface ReadTimeout {
        /** @param millis at least 1 */
        void set(int millis) throws IOException;
    }

    private final InputStream in;
    private final ReadTimeout timeout;
    private final byte[] buffer = new byte[1024];
    private int position;
    private int limit;

    /** A reader of {@code in}; {@code timeout} is told how long each read may block. */
    public ReplyReader(InputStream in, ReadTimeout timeout) {
        this.in = in;
        this.timeout = timeout;
    }

    /** A reader of a socket's input, its read timeout driven by the deadline. */
    public static ReplyReader of(Socket socket) throws IOException {
        return new ReplyReader(socket.getInputStream(), socket::setSoTimeout);
    }

    /** Octets already received but not yet read as a reply (after a 220 to STARTTLS there must be none). */
    public int buffered() {
        return limit - position;
    }

    /**
     * Reads one reply, giving up at {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @return the reply, or why there is none
     */
    public ReadResult read(long deadlineNanos) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean sawCr = false;
        while (true) {
            if (position == limit) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return new ReadResult.TimedOut(partial(lines, line));
                }
                timeout.set((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return new ReadResult.TimedOut(partial(lines, line));
                } catch (SocketException reset) {
                    return new ReadResult.Closed(partial(lines, line));   // a reset is a close, told rudely
                }
                if (n < 0) {
                    return new ReadResult.Closed(partial(lines, line));
                }
                position = 0;
                limit = n;
                continue;
            }
            int b = buffer[position++] & 0xff;
            if (sawCr && b == '\n') {
                String complete = line.toString();
                lines.add(complete);
                line.setLength(0);
                sawCr = false;
                if (ReplySyntax.problem(complete).isPresent() || !ReplySyntax.continues(complete)) {
                    return ReplySyntax.reply(lines);
                }
                if (lines.size() >= MAX_LINES) {
                    return new ReadResult.Malformed("more than " + MAX_LINES + " lines in one reply", lines);
                }
                continue;
            }
            if (sawCr) {
                line.append('\r');   // a CR not followed by LF is text (and will be reported as such)
                sawCr = false;
            }
            if (b == '\r') {
                sawCr = true;
            } else if (b == '\n') {
                line.append('\n');
                lines.add(line.toString());
                return new ReadResult.Malformed("a line ended with a bare LF instead of CRLF (RFC 5321 2.3.8)", lines);
            } else {
                line.append((char) b);
            }
            if (line.length() + 2 > MAX_LINE) {
                lines.add(line.substring(0, 80) + "...");
                return new ReadResult.Malformed("a reply line longer than " + MAX_LINE + " octets", lines);
            }
        }
    }

    private static List<String> partial(List<String> lines, StringBuilder line) {
        if (line.isEmpty()) {
            return lines;
        }
        List<String> all = new ArrayList<>(lines);
        all.add(line.toString());
        return all;
    }
}

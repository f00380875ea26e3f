package io.github.smtplab.auth.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Streams a message body through its canonicalization (RFC 6376 §3.4.3, §3.4.4) into SHA-256, giving the
 * {@code bh=} value (§3.7) without holding the body in memory. Feed the octets after the blank line that ends
 * the header, in any chunks, then call {@link #digest()} once.
 *
 * <p>Lines end with CRLF; a lone CR or LF is an ordinary octet (the message must already use CRLF, as on the
 * wire). Empty lines are held back as a count, so trailing empty lines, which both algorithms ignore, never
 * reach the hash; memory stays constant whatever the input.
 *
 * <p>With a length limit ({@code l=}, §3.5) only the first {@code limit} canonical octets are hashed.
 */
public final class BodyHasher {

    private static final int BUFFER_SIZE = 4096;

    private final boolean relaxed;
    private final MessageDigest sha256;
    private final long limit;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;
    private long canonicalLength;
    private long emptyLinesPending; // CRLFs owed: the last content line's end plus empty lines after it
    private boolean crPending;      // a CR was seen; an LF next would end the line
    private boolean spacePending;   // relaxed: a WSP run was seen inside the line
    private boolean lineOpen;       // octets written on the current line
    private boolean anyContent;     // any octet other than line ends written at all
    private boolean finished;
    private java.io.ByteArrayOutputStream copy; // set only by Canonicalization.canonicalizeBody

    /** A hasher for the whole canonical body. */
    public BodyHasher(Canonicalization canonicalization) {
        this(canonicalization, OptionalLong.empty());
    }

    /**
     * A hasher that stops after {@code limit} canonical octets when a limit is given (RFC 6376 §3.5 {@code l=}).
     */
    public BodyHasher(Canonicalization canonicalization, OptionalLong limit) {
        this.relaxed = Objects.requireNonNull(canonicalization, "canonicalization") == Canonicalization.RELAXED;
        this.limit = limit.orElse(Long.MAX_VALUE);
        if (this.limit < 0) {
            throw new IllegalArgumentException("RFC 6376 §3.5: l= is a non-negative count");
        }
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Hashes a whole body at once with {@code canonicalization}. */
    public static byte[] hash(Canonicalization canonicalization, byte[] body) {
        BodyHasher h = new BodyHasher(canonicalization);
        h.update(body, 0, body.length);
        return h.digest();
    }

    /** Feeds octets {@code data[offset, offset + length)} of the body. */
    public void update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (finished) {
            throw new IllegalStateException("digest() was already called");
        }
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (!crPending && isPlain(data[i])) {
                // fast path: a run of octets that canonicalization leaves alone goes to the hash in one piece
                int runEnd = i + 1;
                while (runEnd < end) {
                    if (isPlain(data[runEnd])) {
                        runEnd++;
                    } else if (relaxed && data[runEnd] == ' ' && runEnd + 1 < end && isPlain(data[runEnd + 1])) {
                        runEnd += 2; // one SP between words is already canonical (§3.4.4)
                    } else {
                        break;
                    }
                }
                contentRun(data, i, runEnd - i);
                i = runEnd;
            } else {
                accept(data[i]);
                i++;
            }
        }
    }

    /** An octet with no special meaning here: not CR, and under relaxed not WSP. */
    private boolean isPlain(byte b) {
        return b != '\r' && !(relaxed && (b == ' ' || b == '\t'));
    }

    /** Like {@link #content} for a run of plain octets, copied in bulk. */
    private void contentRun(byte[] data, int from, int length) {
        content(data[from]);
        int rest = (int) Math.min(length - 1, limit - canonicalLength);
        if (rest <= 0) {
            return;
        }
        canonicalLength += rest;
        if (rest > BUFFER_SIZE - buffered) {
            flush();
            if (rest >= BUFFER_SIZE) { // a long run goes straight to the digest
                if (copy != null) {
                    copy.write(data, from + 1, rest);
                }
                sha256.update(data, from + 1, rest);
                return;
            }
        }
        System.arraycopy(data, from + 1, buffer, buffered, rest);
        buffered += rest;
        if (buffered == BUFFER_SIZE) {
            flush();   // a run that fills the buffer exactly: the next octet must find room
        }
    }

    private void accept(byte b) {
        if (crPending) {
            crPending = false;
            if (b == '\n') {
                endLine();
                return;
            }
            content((byte) '\r'); // a lone CR is an ordinary octet
        }
        if (b == '\r') {
            crPending = true;
        } else if (relaxed && (b == ' ' || b == '\t')) {
            spacePending = true; // §3.4.4: WSP runs become one SP, and vanish at the line end
        } else {
            content(b);
        }
    }

    private void content(byte b) {
        while (emptyLinesPending > 0) {
            emit((byte) '\r');
            emit((byte) '\n');
            emptyLinesPending--;
        }
        if (spacePending) {
            emit((byte) ' ');
            spacePending = false;
        }
        emit(b);
        lineOpen = true;
        anyContent = true;
    }

    private void endLine() {
        spacePending = false; // §3.4.4: "Ignore all whitespace at the end of lines"
        lineOpen = false;
        emptyLinesPending++;
    }

    /**
     * Finishes and returns the SHA-256 of the canonical body. §3.4.3: trailing empty lines are ignored, the
     * last line ends with CRLF, and an empty body is one CRLF. §3.4.4: the same, except that an empty body
     * stays empty (RFC 6376 erratum 3192).
     */
    public byte[] digest() {
        if (finished) {
            throw new IllegalStateException("digest() was already called");
        }
        if (crPending) {
            crPending = false;
            content((byte) '\r');
        }
        spacePending = false;
        if (anyContent) {
            if (lineOpen || emptyLinesPending > 0) {
                emit((byte) '\r'); // the CRLF ending the last non-empty line (added if it was missing)
                emit((byte) '\n');
            }
        } else if (!relaxed) {
            emit((byte) '\r');
            emit((byte) '\n');
        }
        flush();
        finished = true;
        return sha256.digest();
    }

    /** How many canonical octets were hashed so far (at most the limit). */
    public long canonicalLength() {
        return canonicalLength;
    }

    private void emit(byte b) {
        if (canonicalLength >= limit) {
            return;
        }
        canonicalLength++;
        buffer[buffered++] = b;
        if (buffered == BUFFER_SIZE) {
            flush();
        }
    }

    /** Keeps a copy of the canonical octets (for {@link Canonicalization#canonicalizeBody}). */
    BodyHasher keepingCopy() {
        copy = new java.io.ByteArrayOutputStream();
        return this;
    }

    /** The canonical octets hashed so far, when {@link #keepingCopy} was called. */
    byte[] copy() {
        return copy.toByteArray();
    }

    private void flush() {
        if (copy != null) {
            copy.write(buffer, 0, buffered);
        }
        sha256.update(buffer, 0, buffered);
        buffered = 0;
    }
}

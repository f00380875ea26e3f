package io.github.smtplab.mime;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Gathers the header block of a message that arrives in chunks (from the network, say), up to and including
 * the empty line that ends it (RFC 5322 §2.1), and no further: the body stays in the chunk for the caller to
 * stream elsewhere. At most {@code maxOctets} are kept; a longer header makes {@link #overflowed()} true and
 * the rest of it is consumed and dropped, so memory stays bounded whatever the peer sends.
 *
 * <pre>{@code
 * HeaderBlockBuffer header = new HeaderBlockBuffer(ParseLimits.DEFAULT_MAX_HEADER_BYTES);
 * for (ByteBuffer chunk : chunks) {
 *     header.take(chunk);           // consumes header octets only
 *     if (header.complete()) { ... chunk's remaining octets are body ... }
 * }
 * HeaderBlock block = HeaderBlock.read(header.octets());
 * }</pre>
 *
 * A lone LF ends a line as CRLF does (smtp-mime reads LF-only messages too).
 */
public final class HeaderBlockBuffer {

    private final int maxOctets;
    private byte[] octets = new byte[1024];
    private int length;
    private long seen;
    private boolean atLineStart = true;
    private boolean crAtLineStart;
    private boolean complete;

    /** A buffer that keeps at most {@code maxOctets} octets of header. */
    public HeaderBlockBuffer(int maxOctets) {
        if (maxOctets < 1) {
            throw new IllegalArgumentException("maxOctets must be at least 1");
        }
        this.maxOctets = maxOctets;
    }

    /**
     * Consumes header octets from {@code chunk}, up to and including the empty line; returns {@link #complete()}.
     * Once complete, nothing more is taken.
     */
    public boolean take(ByteBuffer chunk) {
        while (!complete && chunk.hasRemaining()) {
            byte b = chunk.get();
            seen++;
            if (length < maxOctets) {
                if (length == octets.length) {
                    octets = Arrays.copyOf(octets, Math.min(maxOctets, octets.length * 2));
                }
                octets[length++] = b;
            }
            if (b == '\n') {
                complete = atLineStart;   // an empty line: CRLF or LF right at a line start
                atLineStart = true;
                crAtLineStart = false;
            } else if (b == '\r' && atLineStart && !crAtLineStart) {
                crAtLineStart = true;
            } else {
                atLineStart = false;
                crAtLineStart = false;
            }
        }
        return complete;
    }

    /** True once the empty line that ends the header has been taken. */
    public boolean complete() {
        return complete;
    }

    /** True when the header was longer than the limit (the octets kept are only its beginning). */
    public boolean overflowed() {
        return seen > maxOctets;
    }

    /** How many header octets were taken in all, kept or not. */
    public long octetsSeen() {
        return seen;
    }

    /** A copy of the octets kept, the empty line included once complete. */
    public byte[] octets() {
        return Arrays.copyOf(octets, length);
    }
}

package io.github.smtplab.dns.internal;

/** Thrown inside the decoder when the octets break a rule of RFC 1035 §4; turned into a typed result at the edge. */
public final class WireFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /** A violation found at {@code offset}. */
    public WireFormatException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** Where in the input the problem was found. */
    public int offset() {
        return offset;
    }
}

/**
 * Exercise 04: the server side of DATA, sans-I/O: find CRLF "." CRLF in any split of the input, undo the
 * dot-stuffing (RFC 5321 sections 4.1.1.4 and 4.5.2), refuse bare LF (section 2.3.8).
 */
final class DataReceiver {

    /**
     * Takes the next bytes received after the 354 reply.
     *
     * @return true once the end-of-data line has been received (and for every call after that)
     * @throws IllegalArgumentException on an LF that does not follow a CR
     */
    boolean feed(byte[] chunk) {
        throw new UnsupportedOperationException("exercise 04: write feed()");
    }

    /** The message received, unstuffed, each line ending with CRLF; only once feed() returned true. */
    byte[] message() {
        throw new UnsupportedOperationException("exercise 04: write message()");
    }

    /** The bytes received after the end-of-data line (the next pipelined command, if any). */
    byte[] rest() {
        throw new UnsupportedOperationException("exercise 04: write rest()");
    }
}

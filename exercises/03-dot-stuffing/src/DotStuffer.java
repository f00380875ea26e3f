/**
 * Exercise 03: dot-stuffing (RFC 5321 section 4.5.2) and the end-of-data line (section 4.1.1.4).
 */
final class DotStuffer {

    private DotStuffer() {}

    /**
     * The message as the client sends it after the 354 reply: each line starting with "." gets one more
     * "." in front, and the whole ends with CRLF "." CRLF.
     *
     * @param message the message text, lines separated by CRLF
     */
    static String stuff(String message) {
        throw new UnsupportedOperationException("exercise 03: write stuff()");
    }
}

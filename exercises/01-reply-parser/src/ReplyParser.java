import java.util.Iterator;
import java.util.List;

/**
 * Exercise 01: read one SMTP reply (RFC 5321 section 4.2.1) from the lines a server sent.
 */
final class ReplyParser {

    /**
     * One reply.
     *
     * @param code  the three-digit reply code, e.g. 250
     * @param lines the text of each line, without the code and the "-" or space after it
     */
    record Reply(int code, List<String> lines) {}

    private ReplyParser() {}

    /**
     * Consumes the lines of exactly one reply and returns it; the lines after it stay in {@code lines}.
     *
     * @throws IllegalArgumentException when the reply is malformed (see README.md)
     */
    static Reply read(Iterator<String> lines) {
        throw new UnsupportedOperationException("exercise 01: write read()");
    }
}

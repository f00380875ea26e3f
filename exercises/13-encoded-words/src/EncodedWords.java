/**
 * Exercise 13: RFC 2047 encoded words in header fields.
 */
final class EncodedWords {

    private EncodedWords() {}

    /** The text of a header field value, its encoded words decoded (B or Q, any charset). */
    static String decode(String value) {
        throw new UnsupportedOperationException("exercise 13: write decode()");
    }

    /** The text as UTF-8 B encoded words of at most 75 characters, separated by CRLF SPACE. */
    static String encode(String text) {
        throw new UnsupportedOperationException("exercise 13: write encode()");
    }
}

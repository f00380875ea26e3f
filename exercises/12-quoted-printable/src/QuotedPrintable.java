/**
 * Exercise 12: the quoted-printable content transfer encoding (RFC 2045 section 6.7).
 */
final class QuotedPrintable {

    private QuotedPrintable() {}

    /** The quoted-printable text of the data, whose line breaks are CRLF. */
    static String encode(byte[] data) {
        throw new UnsupportedOperationException("exercise 12: write encode()");
    }

    /** The bytes of a quoted-printable text. */
    static byte[] decode(String text) {
        throw new UnsupportedOperationException("exercise 12: write decode()");
    }
}

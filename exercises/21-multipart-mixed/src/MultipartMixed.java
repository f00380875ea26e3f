import java.util.List;

/**
 * Exercise 21: a multipart/mixed message with a text part and a PDF attachment (RFC 2046 section 5.1.1,
 * RFC 2045 section 6.8, RFC 2183).
 */
final class MultipartMixed {

    private MultipartMixed() {}

    /**
     * A boundary of 1 to 70 characters (letters, digits and {@code '()+_,-./:=?}) that occurs in none of the
     * parts.
     */
    static String boundaryFor(List<String> parts) {
        throw new UnsupportedOperationException("exercise 21: write boundaryFor()");
    }

    /**
     * The header fields ({@code MIME-Version}, {@code Content-Type: multipart/mixed; boundary="..."}), a blank
     * line and the body: the text as a text/plain part, then the PDF as an application/pdf attachment named
     * {@code filename}, in base64. Every line ends with CRLF.
     */
    static String build(String text, String filename, byte[] pdf) {
        throw new UnsupportedOperationException("exercise 21: write build()");
    }
}

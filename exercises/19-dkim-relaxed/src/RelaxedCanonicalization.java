/**
 * Exercise 19: DKIM's relaxed canonicalization (RFC 6376 sections 3.4.2 and 3.4.4) and the body hash bh=.
 */
final class RelaxedCanonicalization {

    private RelaxedCanonicalization() {}

    /** One header field (possibly folded, ending with CRLF), canonicalized, e.g. {@code "b:Y Z\r\n"}. */
    static String header(String field) {
        throw new UnsupportedOperationException("exercise 19: write header()");
    }

    /** The body, canonicalized. */
    static String body(String body) {
        throw new UnsupportedOperationException("exercise 19: write body()");
    }

    /** The bh= value: base64 of SHA-256 of the canonical body (UTF-8). */
    static String bodyHash(String body) {
        throw new UnsupportedOperationException("exercise 19: write bodyHash()");
    }
}

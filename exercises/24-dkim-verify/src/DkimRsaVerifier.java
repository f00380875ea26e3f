import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exercise 24: DKIM rsa-sha256 verification (RFC 6376 sections 3.2, 3.7, 5.4.2 and 6.1.3). The relaxed
 * canonicalization of exercise 19 is given below.
 */
final class DkimRsaVerifier {

    private DkimRsaVerifier() {}

    /** Given (exercise 19): relaxed header canonicalization, RFC 6376 section 3.4.2. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        return field.substring(0, colon).toLowerCase(Locale.ROOT).strip() + ":"
                + field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip() + "\r\n";
    }

    /** Given (exercise 19): relaxed body canonicalization, RFC 6376 section 3.4.4. */
    static String relaxedBody(String body) {
        String reduced = body.replaceAll("[ \t]+", " ").replace(" \r\n", "\r\n").replaceAll(" \\z", "");
        String trimmed = reduced.replaceAll("(\r\n)+\\z", "");
        return trimmed.isEmpty() ? "" : trimmed + "\r\n";
    }

    /** A tag=value list ("v=1; a=rsa-sha256; ..."): names to values, without the whitespace around them. */
    static Map<String, String> tags(String list) {
        throw new UnsupportedOperationException("exercise 24: write tags()");
    }

    /**
     * What the signature covers: the header fields named in h=, canonicalized, then the DKIM-Signature field
     * itself with b= empty, without its final CRLF.
     *
     * @param headerFields   the message's header fields in order, each whole (folded or not) with its CRLF
     * @param signatureField the DKIM-Signature field being verified, one of them
     */
    static String headerHashInput(List<String> headerFields, String signatureField) {
        throw new UnsupportedOperationException("exercise 24: write headerHashInput()");
    }

    /**
     * True when one of the message's DKIM-Signature fields (a=rsa-sha256, c=relaxed/relaxed) verifies with
     * the key of this DNS TXT record ("v=DKIM1; k=rsa; p=...").
     *
     * @param message the whole message, CRLF line ends, header and body separated by an empty line
     */
    static boolean verify(String message, String keyRecord) {
        throw new UnsupportedOperationException("exercise 24: write verify()");
    }
}

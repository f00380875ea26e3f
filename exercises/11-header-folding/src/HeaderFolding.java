/**
 * Exercise 11: folding and unfolding header fields (RFC 5322 sections 2.2.3 and 2.1.1).
 */
final class HeaderFolding {

    private HeaderFolding() {}

    /** The field on one line: every CRLF followed by a space or tab removed (the space or tab stays). */
    static String unfold(String field) {
        throw new UnsupportedOperationException("exercise 11: write unfold()");
    }

    /** The field folded into lines of at most 78 characters where possible, a CRLF inserted before a WSP. */
    static String fold(String field) {
        throw new UnsupportedOperationException("exercise 11: write fold()");
    }
}

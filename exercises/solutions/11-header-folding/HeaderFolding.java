/**
 * Exercise 11, reference solution: folding and unfolding (RFC 5322 sections 2.2.3 and 2.1.1).
 */
final class HeaderFolding {

    /** RFC 5322 2.1.1: lines SHOULD be no more than 78 characters. */
    private static final int LIMIT = 78;

    private HeaderFolding() {}

    static String unfold(String field) {
        // RFC 5322 2.2.3: remove any CRLF that is immediately followed by WSP
        return field.replace("\r\n ", " ").replace("\r\n\t", "\t");
    }

    static String fold(String field) {
        StringBuilder out = new StringBuilder(field.length() + 16);
        String rest = field;
        while (rest.length() > LIMIT) {
            int cut = Math.max(rest.lastIndexOf(' ', LIMIT), rest.lastIndexOf('\t', LIMIT));
            if (cut <= 0) {
                cut = firstWhiteSpaceAfter(rest, LIMIT);
            }
            if (cut <= 0) {
                break; // no white space: the line stays long rather than broken
            }
            out.append(rest, 0, cut).append("\r\n"); // RFC 5322 2.2.3: a CRLF inserted before a WSP
            rest = rest.substring(cut);
        }
        return out.append(rest).toString();
    }

    private static int firstWhiteSpaceAfter(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}

import java.util.ArrayList;
import java.util.List;

/**
 * Exercise 22, reference solution: a multipart body split back into its parts (RFC 2046 section 5.1.1).
 */
final class MultipartParser {

    private MultipartParser() {}

    static List<String> parse(String body, String boundary) {
        String dashBoundary = "--" + boundary;
        List<String> parts = new ArrayList<>();
        int partStart = -1; // no part before the first delimiter: what comes before it is the preamble
        int lineStart = 0;
        while (lineStart <= body.length()) {
            int lineEnd = body.indexOf("\r\n", lineStart);
            String line = lineEnd < 0 ? body.substring(lineStart) : body.substring(lineStart, lineEnd);
            int at = line.indexOf(dashBoundary);
            if (at == 0) { // RFC 2046 5.1.1: the delimiter MUST occur at the beginning of a line
                String rest = line.substring(at + dashBoundary.length());
                boolean close = rest.startsWith("--");
                String padding = close ? rest.substring(2) : rest;
                if (isTransportPadding(padding)) {
                    if (partStart >= 0) {
                        // the CRLF before the delimiter belongs to the delimiter, not to the part
                        parts.add(body.substring(partStart, Math.max(partStart, lineStart - 2)));
                    }
                    if (close) {
                        return parts; // what follows the close-delimiter is the epilogue
                    }
                    partStart = lineEnd < 0 ? body.length() : lineEnd + 2;
                }
            }
            if (lineEnd < 0) {
                break;
            }
            lineStart = lineEnd + 2;
        }
        throw new IllegalArgumentException("RFC 2046 5.1.1: no close-delimiter --" + boundary + "--");
    }

    /** RFC 2046 5.1.1: zero or more spaces or tabs may follow the boundary (transport-padding). */
    private static boolean isTransportPadding(String text) {
        return text.chars().allMatch(c -> c == ' ' || c == '\t');
    }
}

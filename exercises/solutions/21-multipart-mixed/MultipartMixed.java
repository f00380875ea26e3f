import java.util.Base64;
import java.util.List;

/**
 * Exercise 21, reference solution: a multipart/mixed message with a text part and a PDF attachment
 * (RFC 2046 section 5.1.1, RFC 2045 section 6.8, RFC 2183).
 */
final class MultipartMixed {

    private MultipartMixed() {}

    static String boundaryFor(List<String> parts) {
        // RFC 2046 5.1.1: the boundary must not appear inside any of the encapsulated parts
        for (int n = 0; ; n++) {
            String boundary = "=_smtplab_part_" + n;
            if (parts.stream().noneMatch(part -> part.contains(boundary))) {
                return boundary;
            }
        }
    }

    static String build(String text, String filename, byte[] pdf) {
        String body = text.endsWith("\r\n") || text.isEmpty() ? text : text + "\r\n";
        // RFC 2045 6.8: encoded lines of no more than 76 characters, with CRLF between them
        String base64 = Base64.getMimeEncoder().encodeToString(pdf);
        String boundary = boundaryFor(List.of(body, base64, filename));
        String delimiter = "--" + boundary + "\r\n"; // RFC 2046 5.1.1: dash-boundary, at the start of a line
        StringBuilder out = new StringBuilder();
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n");
        out.append("\r\n");
        out.append(delimiter);
        out.append("Content-Type: text/plain; charset=UTF-8\r\n");
        out.append("Content-Transfer-Encoding: 8bit\r\n");
        out.append("\r\n");
        out.append(body);
        out.append(delimiter); // the CRLF that ends the text is the CRLF of the delimiter
        out.append("Content-Type: application/pdf\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n");
        out.append("Content-Disposition: attachment; filename=\"").append(filename).append("\"\r\n"); // RFC 2183 2.3
        out.append("\r\n");
        out.append(base64).append("\r\n");
        out.append("--" + boundary + "--\r\n"); // RFC 2046 5.1.1: the close-delimiter ends the body
        return out.toString();
    }
}

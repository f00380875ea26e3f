/**
 * Exercise 03, reference solution: dot-stuffing (RFC 5321 section 4.5.2).
 */
final class DotStuffer {

    private DotStuffer() {}

    static String stuff(String message) {
        StringBuilder out = new StringBuilder(message.length() + 8);
        // RFC 5321 4.5.2: the first line has no CRLF before it, but is a line all the same
        if (message.startsWith(".")) {
            out.append('.');
        }
        out.append(message.replace("\r\n.", "\r\n.."));
        // RFC 5321 4.1.1.4: the CRLF before "." is the end of the last line
        if (!message.isEmpty() && !message.endsWith("\r\n")) {
            out.append("\r\n");
        }
        return out.append(".\r\n").toString();
    }
}

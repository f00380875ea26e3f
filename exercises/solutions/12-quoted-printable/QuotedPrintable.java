import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Exercise 12, reference solution: quoted-printable (RFC 2045 section 6.7).
 */
final class QuotedPrintable {

    /** RFC 2045 6.7 rule 5: at most 76 characters, so 75 and the soft break's "=". */
    private static final int MAX_BEFORE_SOFT_BREAK = 75;

    private QuotedPrintable() {}

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder(data.length * 3 / 2);
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            boolean crlf = i + 1 < data.length && data[i] == '\r' && data[i + 1] == '\n';
            if (i == data.length || crlf) {
                encodeLine(Arrays.copyOfRange(data, start, i), out);
                if (crlf) {
                    out.append("\r\n"); // RFC 2045 6.7 rule 4: a line break stays a CRLF
                    start = i + 2;
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static void encodeLine(byte[] line, StringBuilder out) {
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xFF;
            boolean last = i == line.length - 1;
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last); // rules 2 and 3
            String piece = literal ? String.valueOf((char) b) : String.format("=%02X", b); // rule 1: upper case
            if (current.length() + piece.length() > MAX_BEFORE_SOFT_BREAK) {
                out.append(current).append("=\r\n"); // rule 5: soft line break
                current.setLength(0);
            }
            current.append(piece);
        }
        out.append(current);
    }

    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        String[] lines = text.split("\r\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].replaceFirst("[ \t]+$", ""); // rule 3: trailing white space was added in transit
            boolean soft = line.endsWith("=");
            if (soft) {
                line = line.substring(0, line.length() - 1);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '=') {
                    if (i + 3 > line.length()) {
                        throw new IllegalArgumentException("RFC 2045 6.7: '=' is followed by two hex digits: " + line);
                    }
                    out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            if (!soft && n < lines.length - 1) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}

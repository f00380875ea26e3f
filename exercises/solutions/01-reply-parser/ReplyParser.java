import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Exercise 01, reference solution: read one SMTP reply (RFC 5321 section 4.2.1).
 */
final class ReplyParser {

    record Reply(int code, List<String> lines) {}

    private ReplyParser() {}

    static Reply read(Iterator<String> lines) {
        int code = -1;
        List<String> texts = new ArrayList<>();
        while (true) {
            if (!lines.hasNext()) {
                throw new IllegalArgumentException("the reply ended before its last line (code and space)");
            }
            String line = lines.next();
            int lineCode = code(line);
            if (code != -1 && lineCode != code) {
                throw new IllegalArgumentException("code " + lineCode + " inside a " + code + " reply: " + line);
            }
            code = lineCode;
            boolean last = line.length() == 3 || line.charAt(3) == ' ';
            if (!last && line.charAt(3) != '-') {
                throw new IllegalArgumentException("after the code comes '-' or a space: " + line);
            }
            texts.add(line.length() > 4 ? line.substring(4) : "");
            if (last) {
                return new Reply(code, List.copyOf(texts));
            }
        }
    }

    /** RFC 5321 4.2: three digits. */
    private static int code(String line) {
        if (line.length() < 3) {
            throw new IllegalArgumentException("a reply line starts with a three-digit code: " + line);
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("a reply line starts with a three-digit code: " + line);
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }
}

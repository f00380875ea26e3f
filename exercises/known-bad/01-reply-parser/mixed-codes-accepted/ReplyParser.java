// mistake: the code of the last line is taken; the codes of the lines before it are never compared.
// caught by: RFC 5321 4.2.1
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

final class ReplyParser {

    record Reply(int code, List<String> lines) {}

    private ReplyParser() {}

    static Reply read(Iterator<String> lines) {
        List<String> texts = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad code: " + line);
            }
            if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new IllegalArgumentException("bad separator: " + line);
            }
            texts.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), texts);
            }
        }
        throw new IllegalArgumentException("no last line");
    }
}

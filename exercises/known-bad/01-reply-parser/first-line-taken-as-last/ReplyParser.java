// mistake: one line is one reply; the hyphen is ignored, so a multiline reply is read as several replies.
// caught by: RFC 5321 4.2.1
import java.util.Iterator;
import java.util.List;

final class ReplyParser {

    record Reply(int code, List<String> lines) {}

    private ReplyParser() {}

    static Reply read(Iterator<String> lines) {
        if (!lines.hasNext()) {
            throw new IllegalArgumentException("no line");
        }
        String line = lines.next();
        if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad code: " + line);
        }
        if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            throw new IllegalArgumentException("bad separator: " + line);
        }
        return new Reply(Integer.parseInt(line.substring(0, 3)), List.of(line.length() > 4 ? line.substring(4) : ""));
    }
}

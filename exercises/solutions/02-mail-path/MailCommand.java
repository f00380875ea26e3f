import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Exercise 02, reference solution: the arguments of MAIL FROM and RCPT TO (RFC 5321 section 4.1.2).
 */
final class MailCommand {

    record Path(String mailbox, Map<String, String> parameters) {}

    private MailCommand() {}

    static Path parseMailFrom(String line) {
        return parse(line, "MAIL FROM:", true);
    }

    static Path parseRcptTo(String line) {
        return parse(line, "RCPT TO:", false);
    }

    private static Path parse(String line, String verb, boolean nullPathAllowed) {
        // RFC 5321 2.4: verbs are not case sensitive
        if (!line.regionMatches(true, 0, verb, 0, verb.length())) {
            throw new IllegalArgumentException("expected " + verb + ": " + line);
        }
        String rest = line.substring(verb.length());
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0) {
            throw new IllegalArgumentException("RFC 5321 4.1.2: a path is in angle brackets: " + line);
        }
        String path = rest.substring(1, close);
        if (path.startsWith("@")) { // RFC 5321 4.1.2: a source route is accepted and ignored
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a source route ends with ':': " + line);
            }
            path = path.substring(colon + 1);
        }
        if (path.isEmpty()) {
            if (!nullPathAllowed) {
                throw new IllegalArgumentException("RFC 5321 4.1.2: a forward-path is never <>: " + line);
            }
        } else if (!path.contains("@") && !(verb.startsWith("RCPT") && path.equalsIgnoreCase("postmaster"))) {
            throw new IllegalArgumentException("a mailbox is local-part@domain: " + line);
        }
        return new Path(path, parameters(rest.substring(close + 1), line));
    }

    private static Map<String, String> parameters(String text, String line) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!text.isEmpty() && !text.startsWith(" ")) {
            throw new IllegalArgumentException("parameters follow the path after a space: " + line);
        }
        for (String parameter : text.trim().split(" +")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String keyword = equals < 0 ? parameter : parameter.substring(0, equals);
            parameters.put(keyword.toUpperCase(Locale.ROOT), equals < 0 ? "" : parameter.substring(equals + 1));
        }
        return parameters;
    }
}

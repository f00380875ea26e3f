import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Exercise 06, reference solution: PIPELINING groups (RFC 2920 section 3.1).
 */
final class PipelineGroups {

    /** RFC 2920 3.1: these "can all appear anywhere in a pipelined command group"; every other command ends one. */
    private static final Set<String> MAY_CONTINUE = Set.of("RSET", "MAIL", "SEND", "SOML", "SAML", "RCPT");

    private PipelineGroups() {}

    static List<List<String>> group(List<String> commands) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String command : commands) {
            current.add(command);
            String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT); // RFC 5321 2.4
            if (!MAY_CONTINUE.contains(verb)) {
                groups.add(List.copyOf(current));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            groups.add(List.copyOf(current));
        }
        return groups;
    }
}

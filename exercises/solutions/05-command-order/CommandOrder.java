import java.util.Locale;

/**
 * Exercise 05, reference solution: the server's command order (RFC 5321 4.1.4, 4.1.1.5, 3.3).
 */
final class CommandOrder {

    private boolean greeted;
    private boolean mailFrom;
    private int recipients;

    int reply(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "EHLO", "HELO" -> {
                greeted = true;
                clearTransaction(); // RFC 5321 4.1.4: as if RSET had been issued
                yield 250;
            }
            case "MAIL" -> {
                if (!greeted || mailFrom) {
                    yield 503; // RFC 5321 4.1.4: EHLO first; one transaction at a time
                }
                mailFrom = true;
                yield 250;
            }
            case "RCPT" -> {
                if (!mailFrom) {
                    yield 503;
                }
                recipients++;
                yield 250;
            }
            case "DATA" -> recipients == 0 ? 503 : 354; // RFC 5321 3.3
            case "RSET" -> {
                clearTransaction(); // RFC 5321 4.1.1.5
                yield 250;
            }
            case "NOOP" -> 250;
            case "VRFY" -> 252;
            case "QUIT" -> 221;
            default -> 500;
        };
    }

    int endOfData() {
        clearTransaction();
        return 250;
    }

    private void clearTransaction() {
        mailFrom = false;
        recipients = 0;
    }
}

package io.github.smtplab.auth.dkim;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import java.util.ArrayList;
import java.util.List;

/** Key records for tests, served by smtp-dns's {@link InMemoryResolver} from one root zone. */
final class TestDns {

    private static final String SOA = ". 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60\n";

    private TestDns() {}

    /** A zone (at the root, so that any name fits) from master-file lines with absolute names. */
    static Zone zone(String masterFileLines) {
        return switch (MasterFileParser.parse(SOA + masterFileLines, DomainName.ROOT)) {
            case ZoneParseResult.Parsed p -> p.zone();
            case ZoneParseResult.Failed f -> throw new IllegalArgumentException("line " + f.line() + ": " + f.message());
        };
    }

    /** A zone at {@code origin} (e.g. {@code example.com.}) from master-file lines with absolute names. */
    static Zone zoneAt(String origin, String masterFileLines) {
        String soa = origin + " 3600 IN SOA ns." + origin + " hostmaster." + origin + " 1 3600 600 86400 60\n";
        return switch (MasterFileParser.parse(soa + masterFileLines, DomainName.of(origin))) {
            case ZoneParseResult.Parsed p -> p.zone();
            case ZoneParseResult.Failed f -> throw new IllegalArgumentException("line " + f.line() + ": " + f.message());
        };
    }

    /** A resolver answering from master-file lines. */
    static InMemoryResolver resolver(String masterFileLines) {
        return new InMemoryResolver(List.of(zone(masterFileLines)));
    }

    /** One TXT line: {@code name. IN TXT "..." "..."}, the text cut into 255-octet character-strings. */
    static String txt(String name, String text) {
        StringBuilder line = new StringBuilder(name.endsWith(".") ? name : name + ".").append(" IN TXT");
        for (int i = 0; i < text.length(); i += 255) {
            line.append(" \"").append(text, i, Math.min(text.length(), i + 255)).append('"');
        }
        return line.append('\n').toString();
    }

    /**
     * Zone-style lines {@code name. IN TXT "text"} whose single quoted text may pass 255 octets (as in the
     * conformance files): re-cut into character-strings, which a DKIM reader concatenates (RFC 6376 §3.6.2.2).
     */
    static String fromZoneLines(String text) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^(\\S+)\\s+IN\\s+TXT\\s+\"(.*)\"\\s*$");
        for (String l : text.lines().toList()) {
            var m = line.matcher(l);
            if (m.matches()) {
                out.append(txt(m.group(1), m.group(2)));
            } else if (!l.isBlank()) {
                throw new IllegalArgumentException("not a TXT line: " + l);
            }
        }
        return out.toString();
    }

    /** Stalwart's format: lines {@code name value} (unquoted) up to the first empty line. */
    static String fromNameValueLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int space = l.indexOf(' ');
            out.add(txt(l.substring(0, space), l.substring(space + 1)));
        }
        return String.join("", out);
    }
}

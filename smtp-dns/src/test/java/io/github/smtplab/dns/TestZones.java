package io.github.smtplab.dns;

import java.util.List;

/** Zones shared by the tests, written as master files (RFC 1035 §5). */
final class TestZones {

    private TestZones() {}

    static final DomainName LAB = DomainName.of("lab.example.");

    /** A zone with every supported type, a CNAME chain, an empty non-terminal and a large TXT set. */
    static final String LAB_TEXT = """
            $TTL 300
            @       IN SOA ns.lab.example. hostmaster.lab.example. ( 2024010101 ; serial
                            3600 600 86400
                            60 )         ; minimum: negative TTL
            @       IN NS  ns
            ns      IN A   127.0.0.1
            @       IN MX  10 mx1
                    IN MX  10 mx2
                    IN MX  20 backup.other.example.
            mx1     IN A   192.0.2.1
            mx2     IN A   192.0.2.2
            mx2     IN AAAA 2001:db8::2
            @       IN TXT "v=spf1 mx -all"
            split   IN TXT "part one, " "part two"
            quoted  IN TXT "say \\"hi\\"; not a comment" "\\065\\066C"
            alias   IN CNAME alias2
            alias2  IN CNAME mx1
            outside IN CNAME www.other.example.
            loop1   IN CNAME loop2
            loop2   IN CNAME loop1
            a.b.deep 3600 IN A 192.0.2.9
            nullmx  IN MX 0 .
            nomx    IN A 192.0.2.50
            10.2.0.192.in-addr.arpa. IN PTR mx1
            """.replace("10.2.0.192.in-addr.arpa. IN PTR mx1\n", "") + bigTxt();

    static final String OTHER_TEXT = """
            $ORIGIN other.example.
            $TTL 120
            @ SOA ns.other.example. root.other.example. 1 2 3 4 5
            www A 198.51.100.80
            backup A 198.51.100.25
            """;

    /** 40 TXT strings of 100 octets at "big": about 4 KB, more than any UDP answer here allows. */
    private static String bigTxt() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append("big IN TXT \"").append(String.format("%02d", i)).append("x".repeat(98)).append("\"\n");
        }
        return s.toString();
    }

    static Zone lab() {
        return parse(LAB_TEXT, LAB);
    }

    static Zone other() {
        return parse(OTHER_TEXT, DomainName.of("other.example."));
    }

    static List<Zone> all() {
        return List.of(lab(), other());
    }

    static Zone parse(String text, DomainName origin) {
        return switch (MasterFileParser.parse(text, origin)) {
            case ZoneParseResult.Parsed p -> p.zone();
            case ZoneParseResult.Failed f -> throw new AssertionError("line " + f.line() + ": " + f.message());
        };
    }
}

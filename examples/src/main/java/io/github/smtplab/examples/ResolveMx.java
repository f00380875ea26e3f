package io.github.smtplab.examples;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.MxResult;
import io.github.smtplab.dns.MxSelector;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Finds where mail for exemple.com goes (RFC 5321 section 5.1): an embedded authoritative DNS server
 * (smtp-dns's ZoneServer, on a free loopback port) serves a zone written in RFC 1035 master-file syntax,
 * and a stub resolver asks it for the MX records, which MxSelector orders by preference.
 */
public final class ResolveMx {

    private ResolveMx() {}

    static final String ZONE = """
            $ORIGIN exemple.com.
            $TTL 3600
            @       IN SOA ns1 postmaster 2026120601 7200 900 1209600 300
            @       IN MX  20 secours        ; the backup, tried when mx does not answer
            @       IN MX  10 mx             ; the lower preference is tried first
            mx      IN A   192.0.2.25
            secours IN A   192.0.2.26
            """;

    public static void main(String[] args) throws Exception {
        Zone zone = switch (MasterFileParser.parse(ZONE, DomainName.of("exemple.com"))) {
            case ZoneParseResult.Parsed parsed -> parsed.zone();
            case ZoneParseResult.Failed failed -> throw new IllegalStateException("line " + failed.line() + ": " + failed.message());
        };
        try (ZoneServer server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone))) {
            StubResolver resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + server.address().getPort()));
            MxResult result = MxSelector.select(resolver, DomainName.of("exemple.com"));
            switch (result) {
                case MxResult.Hosts hosts -> hosts.hosts().forEach(h -> System.out.println("MX " + h.preference() + " " + h.host()));
                case MxResult.NullMx none -> System.out.println(none.domain() + " accepts no mail (RFC 7505)");
                case MxResult.NoMailHost none -> System.out.println("no mail host: " + none.reason());
                case MxResult.TemporaryFailure failure -> System.out.println("try again later: " + failure.failure());
            }
        }
    }
}

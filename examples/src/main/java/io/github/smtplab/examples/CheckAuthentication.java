package io.github.smtplab.examples;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dkim.SignResult;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.auth.dmarc.DmarcEvaluator;
import io.github.smtplab.auth.dmarc.DmarcOutcome;
import io.github.smtplab.auth.dmarc.SpfInput;
import io.github.smtplab.auth.results.AuthenticationResults;
import io.github.smtplab.auth.results.MethodResult;
import io.github.smtplab.auth.results.ResultProperty;
import io.github.smtplab.auth.spf.SpfChecker;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a receiving MX checks, with smtp-auth's API: SPF for the envelope sender (RFC 7208), the DKIM
 * signature (RFC 6376, Ed25519 of RFC 8463), DMARC for the From domain (RFC 9989), all reported in one
 * Authentication-Results field (RFC 8601). The domain's records are served by an embedded DNS server.
 */
public final class CheckAuthentication {

    private CheckAuthentication() {}

    public static void main(String[] args) throws Exception {
        // the sending domain signs with a fresh key and publishes its public half, SPF and DMARC
        SigningKey key = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        String zoneText = """
                $ORIGIN monentreprise.fr.
                @      IN SOA ns hostmaster 1 3600 600 86400 60
                @      IN NS  ns
                @      IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                _dmarc IN TXT "v=DMARC1; p=reject"
                s1._domainkey IN TXT "%s"
                """.formatted(key.keyRecord());
        // the empty "fr" zone answers NXDOMAIN for _dmarc.fr when DMARC's tree walk looks there
        List<Zone> zones = List.of(zone(zoneText, "monentreprise.fr"), zone("@ IN SOA ns.nic hostmaster.nic 1 3600 600 86400 60\n", "fr"));

        byte[] message = ("From: Alice <alice@monentreprise.fr>\r\nTo: bob@exemple.com\r\nSubject: Demain\r\n"
                + "Date: Sun, 29 Nov 2026 16:39:54 +0100\r\nMessage-ID: <1@monentreprise.fr>\r\n\r\nA demain.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        SignResult signed = DkimSigner.of(key, "monentreprise.fr", "s1").sign(message);
        if (!(signed instanceof SignResult.Signed s)) {
            throw new IllegalStateException("not signed: " + signed);
        }

        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), zones)) {
            StubResolver resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + dns.address().getPort()));

            SpfOutcome spf = new SpfChecker(resolver, "mx.exemple.com")
                    .checkMailFrom(InetAddress.getLoopbackAddress(), "alice@monentreprise.fr", "smtp.monentreprise.fr");
            List<DkimResult> dkim = new DkimVerifier(resolver).verify(s.message());
            DmarcOutcome dmarc = new DmarcEvaluator(resolver).evaluate("monentreprise.fr",
                    Optional.of(new SpfInput("monentreprise.fr", spf.result())), dkim);

            AuthenticationResults results = new AuthenticationResults("mx.exemple.com", List.of(
                    new MethodResult("spf", spf.result().keyword(),
                            List.of(new ResultProperty("smtp", "mailfrom", "alice@monentreprise.fr"))),
                    new MethodResult("dkim", dkim.getFirst().keyword(),
                            List.of(new ResultProperty("header", "d", dkim.getFirst().domain()))),
                    new MethodResult("dmarc", dmarc.result().keyword(),
                            List.of(new ResultProperty("header", "from", "monentreprise.fr")))));
            System.out.print(results.toField());
        }
    }

    private static Zone zone(String text, String origin) {
        return switch (MasterFileParser.parse(text, DomainName.of(origin))) {
            case ZoneParseResult.Parsed parsed -> parsed.zone();
            case ZoneParseResult.Failed failed -> throw new IllegalStateException(origin + " line " + failed.line() + ": " + failed.message());
        };
    }
}

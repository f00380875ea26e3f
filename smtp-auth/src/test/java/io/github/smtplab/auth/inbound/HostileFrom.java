package io.github.smtplab.auth.inbound;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The From fields that slipped past {@code --dmarc-reject} (issue 18, item 2), and a DNS where
 * {@code evil.test} asks for {@code p=reject} and authorises no one, {@code other.test} has no DMARC record.
 */
final class HostileFrom {

    private HostileFrom() {}

    static final SessionIdentities SESSION = new SessionIdentities(InetAddress.getLoopbackAddress(), "client.other.test",
            "x@other.test");

    static DnsResolver dns() {
        String zone = """
                test. 60 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60
                evil.test. 60 IN TXT "v=spf1 -all"
                _dmarc.evil.test. 60 IN TXT "v=DMARC1; p=reject"
                other.test. 60 IN TXT "v=spf1 -all"
                client.other.test. 60 IN TXT "v=spf1 -all"
                """;
        return switch (MasterFileParser.parse(zone, DomainName.of("test."))) {
            case ZoneParseResult.Parsed p -> new InMemoryResolver(List.of(p.zone()));
            case ZoneParseResult.Failed f -> throw new IllegalStateException(f.message());
        };
    }

    /** A field folded over many 76-octet lines, {@code octets} long in all. */
    static String bigField(int octets) {
        StringBuilder b = new StringBuilder("X-Big: start");
        while (b.length() < octets) {
            b.append("\r\n ").append("y".repeat(72));
        }
        return b.append("\r\n").toString();
    }

    /** {@code depth} nested comments around nothing, then the address. */
    static String nestedComments(int depth) {
        return "(".repeat(depth) + ")".repeat(depth) + " ceo@evil.test";
    }

    /** Each case: its name and its header block (without the empty line). */
    static Map<String, String> cases() {
        return Map.of(
                "two From fields", "From: ceo@evil.test\r\nFrom: x@other.test\r\n",
                "two mailboxes in one From", "From: ceo@evil.test, x@other.test\r\n",
                "group syntax", "From: Board: ceo@evil.test;\r\n",
                "1.1 MB field before From", bigField(1_100_000) + "From: ceo@evil.test\r\n",
                "10,001 fields before From", "X-F: 1\r\n".repeat(10_001) + "From: ceo@evil.test\r\n",
                "65 nested comments", "From: " + nestedComments(65) + "\r\n",
                "upper case and trailing dot", "From: ceo@EVIL.TEST.\r\n",
                "no From at all", "Sender: ceo@evil.test\r\nSubject: hi\r\n");
    }

    static byte[] message(String headerBlock) {
        return (headerBlock + "To: bob@exemple.com\r\nSubject: pay now\r\n\r\nTransfer the money.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

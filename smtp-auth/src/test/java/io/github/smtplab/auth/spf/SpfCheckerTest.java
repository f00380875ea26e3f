package io.github.smtplab.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** check_host() end to end on zones served by smtp-dns's in-memory resolver (RFC 7208 §4, §5). */
class SpfCheckerTest {

    /** A zone where each name has one TXT record. */
    private static SpfChecker checker(Map<String, String> txt) {
        Map<String, List<SuiteYaml.Entry>> zone = new LinkedHashMap<>();
        txt.forEach((name, value) -> zone.put(name, List.of(new SuiteYaml.Entry("TXT", value))));
        return new SpfChecker(new SuiteResolver(zone), "mx.example.org");
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(long value, int length) {
        byte[] out = new byte[length];
        BigInteger v = BigInteger.valueOf(value);
        for (int i = 0; i < length; i++) {
            out[length - 1 - i] = v.shiftRight(8 * i).byteValue();
        }
        return out;
    }

    /**
     * §5.6: {@code ip4:<network>/<cidr>} matches exactly the addresses whose first cidr bits equal the
     * network's, checked against integer arithmetic for any address, network and prefix length.
     */
    @Test
    void ip4CidrMatchesExactlyTheNetwork() {
        Gen<Long> addresses = SourceDSL.longs().between(0, 0xFFFF_FFFFL);
        qt().withExamples(400).forAll(addresses, addresses, SourceDSL.integers().between(0, 32)).check((client, network, cidr) -> {
            try {
                InetAddress c = InetAddress.getByAddress(bytes(client, 4));
                InetAddress n = InetAddress.getByAddress(bytes(network, 4));
                SpfOutcome o = checker(Map.of("example.com", "v=spf1 ip4:" + n.getHostAddress() + "/" + cidr + " -all"))
                        .checkMailFrom(c, "a@example.com", "h.example.com");
                long mask = cidr == 0 ? 0 : (0xFFFF_FFFFL << (32 - cidr)) & 0xFFFF_FFFFL;
                boolean inside = (client & mask) == (network & mask);
                return o.result() == (inside ? SpfResult.PASS : SpfResult.FAIL);
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** §5.6: the same for {@code ip6:} with 128-bit arithmetic, and an IPv4 client never matches ip6 (§5.6). */
    @Test
    void ip6CidrMatchesExactlyTheNetwork() {
        Gen<BigInteger> addresses = SourceDSL.longs().all().zip(SourceDSL.longs().all(),
                (hi, lo) -> BigInteger.valueOf(hi).shiftLeft(64).or(BigInteger.valueOf(lo).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))
                        .and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
        qt().withExamples(300).forAll(addresses, addresses, SourceDSL.integers().between(0, 128)).check((client, network, cidr) -> {
            try {
                byte[] cb = toBytes(client);
                byte[] nb = toBytes(network);
                if ((cb[10] == (byte) 0xFF && cb[11] == (byte) 0xFF && isZero(cb, 10))) {
                    return true; // an IPv4-mapped client is an IPv4 client (§5.6 / Java): covered by the ip4 property
                }
                String net = InetAddress.getByAddress(nb).getHostAddress();
                InetAddress c = InetAddress.getByAddress(cb);
                SpfOutcome o = checker(Map.of("example.com", "v=spf1 ip6:" + net + "/" + cidr + " -all"))
                        .checkMailFrom(c, "a@example.com", "h.example.com");
                BigInteger mask = cidr == 0 ? BigInteger.ZERO
                        : BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).shiftRight(128 - cidr).shiftLeft(128 - cidr);
                boolean inside = client.and(mask).equals(network.and(mask));
                return net.contains(".") || o.result() == (inside ? SpfResult.PASS : SpfResult.FAIL);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(checker(Map.of("example.com", "v=spf1 ip6:::/0 -all")).checkMailFrom(ip("192.0.2.1"), "a@example.com", "h")
                .result()).isEqualTo(SpfResult.FAIL);
    }

    private static boolean isZero(byte[] b, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] toBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 16 - copy, copy);
        return out;
    }

    /**
     * §4.6.4: at most 10 DNS-querying terms per evaluation, nested includes counted too. A chain of n includes
     * ending in +all passes for n of 10 or fewer and is a permerror beyond.
     */
    @Test
    void dnsTermLimitAcrossIncludes() {
        qt().withExamples(16).forAll(SourceDSL.integers().between(0, 15)).check(n -> {
            Map<String, String> zone = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                zone.put("d" + i + ".example", "v=spf1 include:d" + (i + 1) + ".example -all");
            }
            zone.put("d" + n + ".example", "v=spf1 +all");
            SpfOutcome o = checker(zone).checkMailFrom(ip("192.0.2.1"), "a@d0.example", "h.example");
            return o.result() == (n <= 10 ? SpfResult.PASS : SpfResult.PERMERROR);
        });
    }

    /** §4.6.4: more than two void lookups (no such name) is a permerror; two or fewer are just no match. */
    @Test
    void voidLookupLimit() {
        qt().withExamples(8).forAll(SourceDSL.integers().between(0, 7)).check(k -> {
            StringBuilder record = new StringBuilder("v=spf1");
            for (int i = 0; i < k; i++) {
                record.append(" a:nx").append(i).append(".example.com");
            }
            record.append(" +all");
            SpfOutcome o = checker(Map.of("example.com", record.toString())).checkMailFrom(ip("192.0.2.1"), "a@example.com", "h");
            return o.result() == (k <= 2 ? SpfResult.PASS : SpfResult.PERMERROR);
        });
    }

    /** §4.6.2 qualifiers, §4.7 default neutral, §6.2 exp= explanation with macros, §4.5 two records = permerror. */
    @Test
    void qualifiersDefaultsAndExplanation() {
        SpfChecker spf = checker(Map.of(
                "q.example", "v=spf1 ip4:192.0.2.1 ~ip4:192.0.2.2 ?ip4:192.0.2.3 -ip4:192.0.2.4",
                "e.example", "v=spf1 -all exp=why.e.example",
                "why.e.example", "%{i} is not one of %{d}'s senders"));
        assertThat(spf.checkMailFrom(ip("192.0.2.1"), "a@q.example", "h").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.checkMailFrom(ip("192.0.2.2"), "a@q.example", "h").result()).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(spf.checkMailFrom(ip("192.0.2.3"), "a@q.example", "h").result()).isEqualTo(SpfResult.NEUTRAL);
        assertThat(spf.checkMailFrom(ip("192.0.2.4"), "a@q.example", "h").result()).isEqualTo(SpfResult.FAIL);
        assertThat(spf.checkMailFrom(ip("192.0.2.5"), "a@q.example", "h").result()).isEqualTo(SpfResult.NEUTRAL);
        SpfOutcome fail = spf.checkMailFrom(ip("192.0.2.9"), "a@e.example", "h");
        assertThat(fail.explanation()).contains("192.0.2.9 is not one of e.example's senders");
        assertThat(fail.mechanism()).isEqualTo("-all");
        assertThat(spf.checkMailFrom(ip("192.0.2.9"), "a@none.example", "h").result()).isEqualTo(SpfResult.NONE);
    }

    /** The demo zone of docs/smtp-auth-spf-dmarc.md, and the three answers and the Received-SPF field it shows. */
    @Test
    void documentedDemoZone() {
        Map<String, List<SuiteYaml.Entry>> zone = new LinkedHashMap<>();
        zone.put("example.com", List.of(new SuiteYaml.Entry("TXT", "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all exp=why.example.com")));
        zone.put("why.example.com", List.of(new SuiteYaml.Entry("TXT", "%{i} is not one of %{d}'s senders")));
        zone.put("_spf.example.net", List.of(new SuiteYaml.Entry("TXT", "v=spf1 a:mail.example.net ~all")));
        zone.put("mail.example.net", List.of(new SuiteYaml.Entry("A", "198.51.100.7")));
        SpfChecker spf = new SpfChecker(new SuiteResolver(zone), "mx.example.org");
        assertThat(spf.checkMailFrom(ip("192.0.2.10"), "alice@example.com", "mail.example.com").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.checkMailFrom(ip("198.51.100.7"), "alice@example.com", "mail.example.com").result()).isEqualTo(SpfResult.PASS);
        SpfOutcome fail = spf.checkMailFrom(ip("203.0.113.5"), "alice@example.com", "mail.example.com");
        assertThat(fail.result()).isEqualTo(SpfResult.FAIL);
        assertThat(fail.explanation()).contains("203.0.113.5 is not one of example.com's senders");
        assertThat(new ReceivedSpf(fail, "mailfrom", ip("203.0.113.5"), "alice@example.com", "mail.example.com", "mx.example.org").toField())
                .isEqualTo("Received-SPF: fail (mx.example.org: domain of alice@example.com does not\r\n"
                        + " designate 203.0.113.5 as permitted sender) receiver=mx.example.org;\r\n"
                        + " client-ip=203.0.113.5; envelope-from=\"alice@example.com\";\r\n"
                        + " helo=mail.example.com; identity=mailfrom; mechanism=-all\r\n");
    }

    /** §2.4: the null reverse-path checks postmaster@HELO; §2.3: the HELO identity on its own. */
    @Test
    void nullReversePathUsesHelo() {
        SpfChecker spf = checker(Map.of("mail.example", "v=spf1 ip4:192.0.2.7 -all"));
        assertThat(spf.checkMailFrom(ip("192.0.2.7"), "", "mail.example").result()).isEqualTo(SpfResult.PASS);
        assertThat(spf.checkHelo(ip("192.0.2.8"), "mail.example").result()).isEqualTo(SpfResult.FAIL);
    }

    /**
     * Hostile identities: any MAIL FROM and HELO text gives one of the seven results, never an exception
     * (§4.3: a malformed domain is none).
     */
    @Test
    void hostileIdentitiesNeverThrow() {
        SpfChecker spf = checker(Map.of("example.com", "v=spf1 a mx ptr exists:%{l}.%{d} include:%{h} -all"));
        Gen<String> text = SourceDSL.strings().allPossible().ofLengthBetween(0, 80)
                .mix(SourceDSL.lists().of(SourceDSL.arbitrary().pick("a", "@", ".", "example.com", "[", "]", "%", "..", "x".repeat(70)))
                        .ofSizeBetween(0, 10).map(l -> String.join("", l)));
        qt().withExamples(1000).forAll(text, text).check((from, helo) -> spf.checkMailFrom(ip("192.0.2.1"), from, helo) != null);
    }
}

package io.github.smtplab.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of {@link HostNames}: what goes into SNI and what counts as an IP literal. */
class HostNamesProperties {

    private static Gen<String> chars(String alphabet, int min, int max) {
        return lists().of(Generate.pick(alphabet.chars().mapToObj(c -> String.valueOf((char) c)).toList()))
                .ofSizeBetween(min, max).map(l -> String.join("", l));
    }

    /** RFC 791 dotted decimal: four numbers 0 to 255. */
    static Gen<String> ipv4() {
        Gen<Integer> octet = integers().between(0, 255);
        return octet.zip(octet, octet, octet, (a, b, c, d) -> a + "." + b + "." + c + "." + d);
    }

    /** RFC 4291 §2.2: eight hex groups, possibly with a run of groups replaced by "::", possibly in brackets. */
    static Gen<String> ipv6() {
        Gen<List<Integer>> groups = lists().of(integers().between(0, 0xffff)).ofSize(8);
        return groups.zip(integers().between(0, 8), integers().between(0, 8), Generate.booleans(), (g, from, length, brackets) -> {
            List<String> hex = g.stream().map(Integer::toHexString).toList();
            int start = Math.min(from, 7);
            int end = Math.min(8, start + length);
            String text = end - start >= 1
                    ? String.join(":", hex.subList(0, start)) + "::" + String.join(":", hex.subList(end, 8))
                    : String.join(":", hex);
            return brackets ? "[" + text + "]" : text;
        });
    }

    /** RFC 1123 §2.1 host names: LDH labels, the last one starting with a letter. */
    static Gen<String> hostName() {
        Gen<String> inner = chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", 0, 20);
        Gen<String> edge = chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1, 1);
        Gen<String> label = edge.zip(inner, edge, (a, b, c) -> b.isEmpty() ? a : a + b + c);
        Gen<String> tld = chars("abcdefghijklmnopqrstuvwxyz", 1, 1).zip(chars("abcdefghijklmnopqrstuvwxyz0123456789", 0, 8), String::concat);
        return lists().of(label).ofSizeBetween(0, 4).zip(tld, Generate.booleans(), (labels, last, dot) ->
                (labels.isEmpty() ? "" : String.join(".", labels) + ".") + last + (dot ? "." : ""));
    }

    /** RFC 6066 §3: IPv4 literals are never sent as SNI, and they are IP literals, not host names. */
    @Test
    void ipv4LiteralsAreNeverSni() {
        qt().withExamples(2000).forAll(ipv4()).checkAssert(ip -> {
            assertThat(HostNames.isIpLiteral(ip)).isTrue();
            assertThat(HostNames.isDnsName(ip)).as("RFC 3696 §2: an all-numeric last label is not a host name").isFalse();
            assertThat(HostNames.sniName(ip)).isEmpty();
        });
    }

    /** RFC 6066 §3 and RFC 4291 §2.2: IPv6 literals in every textual form are recognised (the JDK agrees), never sent as SNI. */
    @Test
    void ipv6LiteralsAreRecognisedAndNeverSni() {
        qt().withExamples(2000).forAll(ipv6()).checkAssert(ip -> {
            assertThat(HostNames.isIpLiteral(ip)).as(ip).isTrue();
            assertThat(HostNames.sniName(ip)).isEmpty();
            // a valid literal: the JDK parses it without any DNS lookup
            assertThat(assertDoesNotThrow(() -> InetAddress.getByName(HostNames.stripBrackets(ip)))).isNotNull();
        });
    }

    /** RFC 6066 §3: a host name goes into SNI in lower case without the final dot, and JSSE accepts it. */
    @Test
    void hostNamesGoIntoSni() {
        qt().withExamples(2000).forAll(hostName()).checkAssert(name -> {
            assertThat(HostNames.isIpLiteral(name)).isFalse();
            String expected = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
            assertThat(HostNames.sniName(name)).contains(expected);
            assertThat(new SNIHostName(expected).getAsciiName()).isEqualTo(expected);
        });
    }

    /** Hostile text: no exception; whatever is accepted as SNI is a host name that JSSE also accepts. */
    @Test
    void hostileTextNeverBreaksTheClassifier() {
        Gen<String> hostile = chars("aZ09.-:[]%_ *\u00e9\u0000\r\n\u3002fF", 0, 70);
        qt().withExamples(5000).forAll(hostile).checkAssert(text -> {
            boolean literal = HostNames.isIpLiteral(text);
            var sni = HostNames.sniName(text);
            sni.ifPresent(name -> {
                assertThat(literal).isFalse();
                assertThat(HostNames.isDnsName(name)).isTrue();
                assertThat(new SNIHostName(name).getAsciiName()).isEqualTo(name);
            });
            if (text.length() > HostNames.MAX_NAME + 1) {
                assertThat(sni).isEmpty();
            }
        });
    }

    /** RFC 1035 §2.3.4: labels above 63 characters and names above 253 are not host names. */
    @Test
    void lengthLimits() {
        assertThat(HostNames.isDnsName("a".repeat(63) + ".example")).isTrue();
        assertThat(HostNames.isDnsName("a".repeat(64) + ".example")).isFalse();
        String longest = String.join(".", List.of("a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)));
        assertThat(longest).hasSize(253);
        assertThat(HostNames.isDnsName(longest)).isTrue();
        assertThat(HostNames.isDnsName(longest + "d")).isFalse();
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}

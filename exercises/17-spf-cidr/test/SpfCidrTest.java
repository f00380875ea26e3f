import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 17: each assertion names the rule of RFC 7208 and shows the address and the mechanism. */
class SpfCidrTest {

    private static void in(String ip, String mechanism, boolean expected, String rule) {
        assertThat(SpfCidr.matches(ip, mechanism)).as("%s; ip %s, mechanism %s", rule, ip, mechanism).isEqualTo(expected);
    }

    @Test
    @DisplayName("RFC 7208 5.6: ip4 with a prefix on a byte boundary")
    void ip4WholeBytes() {
        in("192.0.2.10", "ip4:192.0.2.0/24", true, "RFC 7208 5.6: the 24 high-order bits match");
        in("192.0.3.10", "ip4:192.0.2.0/24", false, "RFC 7208 5.6: the third byte differs");
        in("198.51.100.7", "ip4:0.0.0.0/0", true, "RFC 7208 5.6: /0 compares no bits");
    }

    @Test
    @DisplayName("RFC 7208 5.6: the prefix counts bits, not bytes")
    void ip4AnyPrefix() {
        in("192.0.15.255", "ip4:192.0.0.0/20", true, "RFC 7208 5.6: 192.0.15.255 shares its 20 high-order bits with 192.0.0.0");
        in("192.0.16.0", "ip4:192.0.0.0/20", false, "RFC 7208 5.6: the 20th bit of 192.0.16.0 differs");
        in("203.0.113.129", "ip4:203.0.113.128/25", true, "RFC 7208 5.6: /25 on the last byte");
        in("203.0.113.127", "ip4:203.0.113.128/25", false, "RFC 7208 5.6: /25, the 25th bit differs");
        in("10.1.2.3", "ip4:11.0.0.0/7", true, "RFC 7208 5.6: /7 inside the first byte");
        in("12.1.2.3", "ip4:11.0.0.0/7", false, "RFC 7208 5.6: /7, the 7th bit differs");
    }

    @Test
    @DisplayName("RFC 7208 5.6: without a length, ip4 is /32 and ip6 is /128")
    void defaultLengths() {
        in("192.0.2.10", "ip4:192.0.2.10", true, "RFC 7208 5.6: if ip4-cidr-length is omitted, it is taken to be /32");
        in("192.0.2.11", "ip4:192.0.2.10", false, "RFC 7208 5.6: if ip4-cidr-length is omitted, it is taken to be /32");
        in("2001:db8::1", "ip6:2001:db8::1", true, "RFC 7208 5.6: if ip6-cidr-length is omitted, it is taken to be /128");
        in("2001:db8::2", "ip6:2001:db8::1", false, "RFC 7208 5.6: if ip6-cidr-length is omitted, it is taken to be /128");
    }

    @Test
    @DisplayName("RFC 7208 5.6: ip6 networks")
    void ip6() {
        in("2001:db8:1234::5", "ip6:2001:db8::/32", true, "RFC 7208 5.6: the 32 high-order bits match");
        in("2001:db9::5", "ip6:2001:db8::/32", false, "RFC 7208 5.6: the 32nd bit differs");
        in("2001:db8:0:fffe::1", "ip6:2001:db8::/47", true, "RFC 7208 5.6: /47, not on a nibble");
        in("2001:db8:2::1", "ip6:2001:db8::/47", false, "RFC 7208 5.6: /47, the 47th bit differs");
        in("::1", "ip6:::/0", true, "RFC 7208 5.6: /0 compares no bits");
    }

    @Test
    @DisplayName("RFC 7208 5: IPv4 addresses only match ip4, IPv6 addresses only ip6")
    void familiesNeverMix() {
        in("192.0.2.10", "ip6:::/0", false, "RFC 7208 5: IPv4 <ip> addresses are only listed using the ip4 mechanism");
        in("2001:db8::1", "ip4:0.0.0.0/0", false, "RFC 7208 5: an IPv6 <ip> never matches ip4");
        in("c000:020a::", "ip4:192.0.2.10", false, "RFC 7208 5: an IPv6 address whose first bytes look like 192.0.2.10 is still IPv6");
        in("::ffff:192.0.2.10", "ip4:192.0.2.0/24", true, "RFC 7208 5: an IPv4-mapped IPv6 address (RFC 4291) is the IPv4 client");
    }

    @Test
    @DisplayName("RFC 7208 5.6: malformed mechanisms are a permerror")
    void malformed() {
        for (String mechanism : List.of("ip4:192.0.2.0/33", "ip4:192.0.2", "ip4:192.0.2.0/", "ip4:192.0.2.0/08", "ip4:256.0.0.1",
                "ip6:2001:db8::/129", "ip6:192.0.2.1", "ip4:mail.exemple.com")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 7208 5.6: ip4-cidr-length 0-32, ip6-cidr-length 0-128, no omitted parts of the address; mechanism %s", mechanism)
                    .isThrownBy(() -> SpfCidr.matches("192.0.2.10", mechanism));
        }
    }
}

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 14: each assertion names the rule of RFC 1035 and shows the bytes in hex. */
class DnsQueryTest {

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String spaced(String hex) {
        return hex(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    @DisplayName("RFC 1035 4.1.1 and 4.1.2: the query of the README, byte for byte")
    void mxQuery() {
        assertThat(hex(DnsQuery.encode(0x1234, "exemple.com", 15)))
                .as("RFC 1035 4.1.1: header (ID, RD, QDCOUNT=1), 4.1.2: QNAME labels and root, QTYPE=15, QCLASS=IN; input (0x1234, exemple.com, MX)")
                .isEqualTo(spaced("1234 0100 0001 0000 0000 0000 07 6578656d706c65 03 636f6d 00 000f 0001"));
    }

    @Test
    @DisplayName("RFC 1035 2.3.2: the ID and the type are most significant octet first")
    void networkOrder() {
        byte[] query = DnsQuery.encode(0xABCD, "mx.exemple.com", 28);
        assertThat(hex(query).substring(0, 5)).as("RFC 1035 2.3.2: the ID 0xABCD is sent as ab cd; query %s", hex(query)).isEqualTo("ab cd");
        assertThat(hex(query).substring(hex(query).length() - 11)).as("RFC 1035 2.3.2: QTYPE 28 (AAAA) then QCLASS 1; query %s", hex(query)).isEqualTo("00 1c 00 01");
    }

    @Test
    @DisplayName("RFC 1035 4.1.1: a standard query asking for recursion, one question")
    void header() {
        byte[] query = DnsQuery.encode(7, "exemple.com", 1);
        assertThat(hex(query).substring(0, 35)).as("RFC 1035 4.1.1: QR=0, opcode 0, RD=1; QDCOUNT 1, other counts 0; query %s", hex(query))
                .isEqualTo("00 07 01 00 00 01 00 00 00 00 00 00");
    }

    @Test
    @DisplayName("RFC 1035 4.1.2: a final dot is the root; the root alone is one zero octet")
    void rootAndFinalDot() {
        assertThat(hex(DnsQuery.encode(1, "exemple.com.", 15))).as("RFC 1035 4.1.2: exemple.com. is exemple.com: the dot is the root's empty label")
                .isEqualTo(hex(DnsQuery.encode(1, "exemple.com", 15)));
        assertThat(hex(DnsQuery.encode(1, ".", 2))).as("RFC 1035 4.1.2: the root is the zero length octet alone; input \".\", NS")
                .isEqualTo(spaced("0001 0100 0001 0000 0000 0000 00 0002 0001"));
    }

    @Test
    @DisplayName("RFC 1035 2.3.4: labels of 1 to 63 octets, names of 255 octets or less")
    void sizeLimits() {
        String label63 = "a".repeat(63);
        assertThat(DnsQuery.encode(1, label63 + ".exemple.com", 1).length).as("RFC 1035 2.3.4: a label of 63 octets is allowed").isEqualTo(12 + 1 + 63 + 9 + 4 + 4);
        String name255 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(DnsQuery.encode(1, name255, 1).length).as("RFC 1035 2.3.4: a name of exactly 255 octets is allowed").isEqualTo(12 + 255 + 4);
        for (String name : List.of("a".repeat(64) + ".exemple.com", "a..exemple.com", ".exemple.com", String.join(".", label63, label63, label63, "a".repeat(62)))) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 1035 2.3.4: labels 63 octets or less (and not empty), names 255 octets or less; name of %d characters: %s", name.length(),
                            name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    .isThrownBy(() -> DnsQuery.encode(1, name, 1));
        }
    }
}

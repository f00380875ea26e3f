import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 15: each assertion names the rule of RFC 1035 and shows the message bytes in hex. */
class DnsNamesTest {

    /** A 12-byte header of zeros followed by the given hex bytes: offsets in the tests count from the header. */
    private static byte[] message(String hexAfterHeader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[12]);
        out.writeBytes(HexFormat.of().parseHex(hexAfterHeader.replace(" ", "")));
        return out.toByteArray();
    }

    private static String hex(byte[] message) {
        return HexFormat.ofDelimiter(" ").formatHex(message, 12, message.length);
    }

    // exemple.com at offset 12
    private static final String EXEMPLE_COM = "07 6578656d706c65 03 636f6d 00";

    @Test
    @DisplayName("RFC 1035 4.1.4: a sequence of labels ending in a zero octet")
    void plainName() {
        byte[] m = message(EXEMPLE_COM);
        assertThat(DnsNames.read(m, 12)).as("RFC 1035 4.1.4: labels ending in a zero octet; bytes after the header %s", hex(m))
                .isEqualTo(new DnsNames.Name("exemple.com", 25));
        byte[] root = message("00");
        assertThat(DnsNames.read(root, 12)).as("RFC 1035 4.1.4: the root is a zero octet alone; bytes %s", hex(root)).isEqualTo(new DnsNames.Name(".", 13));
    }

    @Test
    @DisplayName("RFC 1035 4.1.4: a sequence of labels ending with a pointer")
    void labelsThenPointer() {
        byte[] m = message(EXEMPLE_COM + " 02 6d78 c00c");
        assertThat(DnsNames.read(m, 25)).as("RFC 1035 4.1.4: mx then a pointer to offset 12; bytes after the header %s", hex(m))
                .isEqualTo(new DnsNames.Name("mx.exemple.com", 30));
    }

    @Test
    @DisplayName("RFC 1035 4.1.4: a pointer alone, and pointers to pointers")
    void pointerAloneAndChains() {
        byte[] m = message(EXEMPLE_COM + " 02 6d78 c00c" + " c019" + " 03 777777 c01e");
        assertThat(DnsNames.read(m, 30)).as("RFC 1035 4.1.4: a name that is only a pointer ends after its two octets; bytes %s", hex(m))
                .isEqualTo(new DnsNames.Name("mx.exemple.com", 32));
        assertThat(DnsNames.read(m, 32)).as("RFC 1035 4.1.4: www then a pointer to a pointer; bytes %s", hex(m))
                .isEqualTo(new DnsNames.Name("www.mx.exemple.com", 38));
    }

    @Test
    @DisplayName("RFC 1035 4.1.4: a pointer must point to a prior occurrence: loops are refused")
    void loopsRefused() {
        byte[] self = message("c00c");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 1035 4.1.4: a pointer to itself is not a prior occurrence; bytes %s", hex(self))
                .isThrownBy(() -> DnsNames.read(self, 12));
        byte[] twoStep = message("01 61 c00f 01 62 c00c");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 1035 4.1.4: a -> b -> a is a loop; bytes %s, read from offset 15", hex(twoStep))
                .isThrownBy(() -> DnsNames.read(twoStep, 15));
        byte[] backIntoSelf = message("01 61 01 62 c00c");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 1035 4.1.4: a pointer back to the start of the name being read loops; bytes %s", hex(backIntoSelf))
                .isThrownBy(() -> DnsNames.read(backIntoSelf, 12));
    }

    @Test
    @DisplayName("RFC 1035 4.1.4: a pointer forward is not to a prior occurrence")
    void forwardPointerRefused() {
        byte[] m = message("c00e " + EXEMPLE_COM);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 1035 4.1.4: a pointer to a prior occurance of the same name, never ahead; bytes %s", hex(m))
                .isThrownBy(() -> DnsNames.read(m, 12));
    }

    @Test
    @DisplayName("RFC 1035 4.1.4: label types 01 and 10 are reserved")
    void reservedLabelTypes() {
        for (String bytes : new String[] {"40 " + "61".repeat(64) + " 00", "80 00"}) {
            byte[] m = message(bytes);
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 1035 4.1.4: a label begins with two zero bits (63 octets or less); 10 and 01 are reserved; bytes %s", hex(m))
                    .isThrownBy(() -> DnsNames.read(m, 12));
        }
    }

    @Test
    @DisplayName("RFC 1035 2.3.4: names are 255 octets or less, and must fit in the message")
    void lengthAndTruncation() {
        String label = "3f" + "61".repeat(63);
        byte[] tooLong = message(label + label + label + label + "00");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 1035 2.3.4: four labels of 63 octets make a 257-octet name; bytes of length %d", tooLong.length - 12)
                .isThrownBy(() -> DnsNames.read(tooLong, 12));
        byte[] fits = message(label + label + label + "3d" + "61".repeat(61) + "00");
        assertThat(DnsNames.read(fits, 12).name().length()).as("RFC 1035 2.3.4: exactly 255 octets is allowed").isEqualTo(253);
        for (String cut : new String[] {"07 6578656d", "07 6578656d706c65", "c0"}) {
            byte[] m = message(cut);
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 1035 4.1.4: a name ends in a zero octet or a pointer, within the message; bytes %s", hex(m))
                    .isThrownBy(() -> DnsNames.read(m, 12));
        }
    }
}

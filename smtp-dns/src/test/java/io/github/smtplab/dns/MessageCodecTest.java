package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made messages that break one rule each (RFC 1035 §4.1.4, §2.3.4, §3.2.1). */
class MessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Header of a response with one question and {@code an} answers. */
    private static String header(int an) {
        return "1234" + "8180" + "0001" + String.format("%04x", an) + "0000" + "0000";
    }

    private static String reason(String hex) {
        DnsDecodeResult r = MessageCodec.decode(HEX.parseHex(hex));
        assertThat(r).isInstanceOf(DnsDecodeResult.Malformed.class);
        return ((DnsDecodeResult.Malformed) r).reason();
    }

    @Test
    void pointerToItselfIsALoop() {
        // QNAME at offset 12 is a pointer to offset 12.
        assertThat(reason(header(0) + "c00c" + "0001" + "0001")).contains("loop");
    }

    @Test
    void pointerCycleThroughALabelIsRejected() {
        // offset 12: label "a", then a pointer back to 12: a -> a -> a ... forever without the rule.
        assertThat(reason(header(0) + "0161c00c" + "0001" + "0001")).contains("loop");
    }

    @Test
    void forwardPointerIsRejected() {
        assertThat(reason(header(0) + "c010" + "0001" + "0001" + "00")).contains("forward");
    }

    @Test
    void pointerPastTheEndIsRejected() {
        assertThat(reason(header(0) + "c3ff" + "0001" + "0001")).contains("does not point back");
    }

    @Test
    void reservedLabelTypesAreRejected() {
        assertThat(reason(header(0) + "40" + "00" + "0001" + "0001")).contains("reserved");
        assertThat(reason(header(0) + "80" + "00" + "0001" + "0001")).contains("reserved");
    }

    @Test
    void nameOver255OctetsIsRejectedEvenThroughPointers() {
        // 5 labels of 63 octets: 5 * 64 + 1 = 321 > 255.
        String label = "3f" + "61".repeat(63);
        assertThat(reason(header(0) + label.repeat(5) + "00" + "0001" + "0001")).contains("255");
    }

    @Test
    void truncatedPacketsAreMalformed() {
        assertThat(reason("1234")).contains("truncated");
        assertThat(reason(header(1) + "00" + "0001" + "0001" + "00" + "0001" + "0001" + "00000e10" + "0004" + "c000")).contains("RDLENGTH");
    }

    @Test
    void aRecordOfWrongLengthIsMalformed() {
        assertThat(reason(header(1) + "00" + "0001" + "0001" + "00" + "0001" + "0001" + "00000e10" + "0003" + "c00002")).contains("4 octets");
    }

    @Test
    void trailingOctetsAreMalformed() {
        assertThat(reason(header(0) + "00" + "0001" + "0001" + "ff")).contains("after the last record");
    }

    @Test
    void hugeCountsInATinyPacketEndQuickly() {
        assertThat(reason("1234818000ffffffffffffff")).contains("truncated");
    }

    @Test
    void questionIsEncodedAsInRfc1035() {
        DnsMessage q = DnsMessage.query(0xABCD, new Question(DomainName.of("mx.example.com"), RecordType.MX), true, 0);
        assertThat(HEX.formatHex(MessageCodec.encode(q))).isEqualTo(
                "abcd0100000100000000000002" + "6d78076578616d706c6503636f6d00" + "000f0001");
    }

    /** RFC 1035 §5.1: an escaped final dot belongs to the label; an escaped backslash before a dot does not escape it. */
    @Test
    void escapedDotsInPresentationForm() {
        assertThat(DomainName.of("a\\.").labels()).containsExactly("a.");
        assertThat(DomainName.of("a\\\\.").labels()).containsExactly("a\\");
        assertThat(DomainName.of("a\\\\\\.b.c.").labels()).containsExactly("a\\.b", "c");
        DomainName odd = new DomainName(java.util.List.of("x\\", "y.z"));
        assertThat(DomainName.of(odd.toString()).labels()).isEqualTo(odd.labels());
    }

    @Test
    void unknownTypesKeepTheirOctets() {
        ResourceRecord rr = ResourceRecord.in(DomainName.of("x.example."), 5, new RecordData.Unknown(99, new byte[] {1, 2, (byte) 0xC0, 0}));
        DnsMessage m = new DnsMessage(Header.query(7, false), List.of(), List.of(rr), List.of(), List.of());
        assertThat(((DnsDecodeResult.Decoded) MessageCodec.decode(MessageCodec.encode(m))).message().answers()).containsExactly(rr);
    }
}

package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.range;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Properties of the wire format (RFC 1035 §4.1) and of name compression (§4.1.4). */
@Timeout(60)
class MessageCodecPropertiesTest {

    private static DnsMessage decoded(byte[] wire) {
        DnsDecodeResult result = MessageCodec.decode(wire);
        assertThat(result).isInstanceOf(DnsDecodeResult.Decoded.class);
        return ((DnsDecodeResult.Decoded) result).message();
    }

    /**
     * RFC 1035 §4.1: every field of header, question and record has one encoding, so decoding what we
     * encoded gives the same message, names keeping their case (checked through the text form).
     */
    @Test
    void decodeInvertsEncode() {
        qt().withExamples(3000).forAll(DnsGenerators.messages()).checkAssert(m -> {
            DnsMessage back = decoded(MessageCodec.encode(m));
            assertThat(back).isEqualTo(m);
            assertThat(back.toString()).isEqualTo(m.toString());
        });
    }

    /**
     * RFC 1035 §4.1.4: compression replaces a repeated suffix by a pointer; it must not change what the
     * message says, and the compressed form is never longer than the plain one.
     */
    @Test
    void compressionNeverChangesMeaning() {
        qt().withExamples(2000).forAll(DnsGenerators.messages()).checkAssert(m -> {
            byte[] compressed = MessageCodec.encode(m, true);
            byte[] plain = MessageCodec.encode(m, false);
            assertThat(decoded(compressed)).isEqualTo(decoded(plain)).isEqualTo(m);
            assertThat(compressed.length).isLessThanOrEqualTo(plain.length);
        });
    }

    /**
     * RFC 1035 §4.1.4: a name repeated in the question and in an answer's owner and RDATA costs 2 octets per
     * repetition once compressed: the saving is exactly (wire length - 2) per repeat.
     */
    @Test
    void compressionShrinksRepeatedNames() {
        qt().withExamples(1000).forAll(DnsGenerators.names().assuming(n -> !n.isRoot())).checkAssert(name -> {
            DnsMessage m = new DnsMessage(Header.query(1, true), List.of(new Question(name, RecordType.CNAME)),
                    List.of(ResourceRecord.in(name, 60, new RecordData.Cname(name))), List.of(), List.of());
            int saving = MessageCodec.encode(m, false).length - MessageCodec.encode(m, true).length;
            assertThat(saving).isEqualTo(2 * (name.wireLength() - 2));
        });
    }

    /**
     * RFC 1035 §4.1 and §4.1.4: any octets end in a message or a typed Malformed result, never an
     * exception or a loop (the test's timeout catches a hang).
     */
    @Test
    void arbitraryBytesGiveATypedResult() {
        qt().withExamples(20000).forAll(byteArrays(range(0, 120), org.quicktheories.generators.Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert(bytes -> assertThat(MessageCodec.decode(bytes)).isNotNull());
    }

    /**
     * Hostile variants of valid messages: one octet flipped, or the message cut short. Each gives a
     * message or a Malformed result; a cut one is always Malformed (RFC 1035 §4.1: counts promise records).
     */
    @Test
    void mutatedMessagesGiveATypedResult() {
        qt().withExamples(4000).forAll(DnsGenerators.messages(), range(0, 1 << 16), range(0, 255)).checkAssert((m, where, value) -> {
            byte[] wire = MessageCodec.encode(m);
            byte[] flipped = wire.clone();
            flipped[where % wire.length] = (byte) (int) value;
            assertThat(MessageCodec.decode(flipped)).isNotNull();
            int cut = where % wire.length;
            assertThat(MessageCodec.decode(java.util.Arrays.copyOf(wire, cut))).isInstanceOf(DnsDecodeResult.Malformed.class);
        });
    }
}

package io.github.smtplab.dns;

import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.longRange;
import static org.quicktheories.generators.Generate.range;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Generators that follow the grammar of RFC 1035: names, every record type, whole messages. */
final class DnsGenerators {

    private DnsGenerators() {}

    /** Letters, digits and hyphen (RFC 1035 §2.3.1 "preferred syntax"), upper and lower case. */
    private static final String LDH = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    /** A label: mostly LDH, sometimes any octets (the wire allows all 256, RFC 2181 §11), 1-63 long. */
    static Gen<String> labels() {
        return in -> {
            boolean anyOctet = range(0, 9).generate(in) == 0;
            int length = range(0, 9).generate(in) == 0 ? range(1, 63).generate(in) : range(1, 8).generate(in);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(anyOctet ? (char) (int) range(0, 255).generate(in) : LDH.charAt(range(0, LDH.length() - 1).generate(in)));
            }
            return s.toString();
        };
    }

    /** Names under a small set of shared suffixes (so compression has work to do), within 255 octets. */
    static Gen<DomainName> names() {
        List<DomainName> suffixes = List.of(DomainName.ROOT, DomainName.of("com."), DomainName.of("example.com."),
                DomainName.of("Example.COM."), DomainName.of("mail.example.org."));
        return in -> {
            DomainName suffix = suffixes.get(range(0, suffixes.size() - 1).generate(in));
            int extra = range(0, 4).generate(in);
            List<String> labels = new ArrayList<>();
            int wire = suffix.wireLength();
            for (int i = 0; i < extra; i++) {
                String label = labels().generate(in);
                if (wire + label.length() + 1 > DomainName.MAX_WIRE_LENGTH) {
                    break;
                }
                wire += label.length() + 1;
                labels.add(label);
            }
            return new DomainName(labels).append(suffix);
        };
    }

    static Gen<RecordData> recordData() {
        return in -> switch (range(0, 9).generate(in)) {
            case 0 -> new RecordData.A((Inet4Address) address(in, 4));
            case 1 -> new RecordData.Aaaa((Inet6Address) address(in, 16));
            case 2 -> new RecordData.Ns(names().generate(in));
            case 3 -> new RecordData.Cname(names().generate(in));
            case 4 -> new RecordData.Ptr(names().generate(in));
            case 5 -> new RecordData.Mx(range(0, 0xFFFF).generate(in), names().generate(in));
            case 6 -> {
                int count = range(1, 4).generate(in);
                List<String> strings = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int length = range(0, 3).generate(in) == 0 ? range(0, 255).generate(in) : range(0, 20).generate(in);
                    strings.add(octetString(in, length));
                }
                yield new RecordData.Txt(strings);
            }
            case 7 -> new RecordData.Soa(names().generate(in), names().generate(in), u32(in), u32(in), u32(in), u32(in), u32(in));
            case 8 -> new RecordData.Opt(octets(in, range(0, 12).generate(in)));
            default -> new RecordData.Unknown(pickUnknownType(in), octets(in, range(0, 40).generate(in)));
        };
    }

    private static int pickUnknownType(RandomnessSource in) {
        while (true) {
            int code = range(0, 0xFFFF).generate(in);
            if (new RecordType(code).mnemonic().startsWith("TYPE")) {
                return code;
            }
        }
    }

    static Gen<ResourceRecord> records() {
        return in -> {
            RecordData data = recordData().generate(in);
            DomainName owner = data instanceof RecordData.Opt ? DomainName.ROOT : names().generate(in);
            int rclass = booleans().generate(in) ? ResourceRecord.CLASS_IN : range(0, 0xFFFF).generate(in);
            return new ResourceRecord(owner, rclass, u32(in), data);
        };
    }

    static Gen<Question> questions() {
        return in -> new Question(names().generate(in), new RecordType(range(0, 0xFFFF).generate(in)), range(0, 0xFFFF).generate(in));
    }

    static Gen<Header> headers() {
        return in -> new Header(range(0, 0xFFFF).generate(in), booleans().generate(in), range(0, 15).generate(in),
                booleans().generate(in), booleans().generate(in), booleans().generate(in), booleans().generate(in),
                range(0, 7).generate(in), range(0, 15).generate(in));
    }

    /** Whole messages: a header, 0-2 questions and 0-6 records in each section. */
    static Gen<DnsMessage> messages() {
        return in -> new DnsMessage(headers().generate(in), listOf(in, questions(), 2), listOf(in, records(), 6),
                listOf(in, records(), 3), listOf(in, records(), 3));
    }

    private static <T> List<T> listOf(RandomnessSource in, Gen<T> gen, int max) {
        int n = range(0, max).generate(in);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gen.generate(in));
        }
        return out;
    }

    private static long u32(RandomnessSource in) {
        return longRange(0, 0xFFFF_FFFFL).generate(in);
    }

    static byte[] octets(RandomnessSource in, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (int) range(0, 255).generate(in);
        }
        return b;
    }

    private static String octetString(RandomnessSource in, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (int) range(0, 255).generate(in));
        }
        return s.toString();
    }

    private static InetAddress address(RandomnessSource in, int size) {
        try {
            byte[] b = octets(in, size);
            return size == 4 ? InetAddress.getByAddress(b) : Inet6Address.getByAddress(null, b, null);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

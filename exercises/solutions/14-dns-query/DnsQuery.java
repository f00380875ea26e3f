import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Exercise 14, reference solution: a DNS query (RFC 1035 sections 4.1.1, 4.1.2, 2.3.4).
 */
final class DnsQuery {

    private static final int FLAGS_RD = 0x0100; // QR=0 (query), opcode 0 (standard), RD=1
    private static final int CLASS_IN = 1;

    private DnsQuery() {}

    static byte[] encode(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        u16(out, id);
        u16(out, FLAGS_RD);
        u16(out, 1); // QDCOUNT
        u16(out, 0); // ANCOUNT
        u16(out, 0); // NSCOUNT
        u16(out, 0); // ARCOUNT
        String withoutRoot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int octets = 1; // the root's zero octet
        if (!withoutRoot.isEmpty()) {
            for (String label : withoutRoot.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > 63) { // RFC 1035 2.3.4
                    throw new IllegalArgumentException("RFC 1035 2.3.4: a label is 1 to 63 octets: \"" + label + "\"");
                }
                octets += bytes.length + 1;
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        if (octets > 255) {
            throw new IllegalArgumentException("RFC 1035 2.3.4: a name is 255 octets or less: " + octets);
        }
        out.write(0); // RFC 1035 4.1.2: the zero length octet of the root
        u16(out, type);
        u16(out, CLASS_IN);
        return out.toByteArray();
    }

    /** RFC 1035 2.3.2: most significant octet first. */
    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8 & 0xFF);
        out.write(value & 0xFF);
    }
}

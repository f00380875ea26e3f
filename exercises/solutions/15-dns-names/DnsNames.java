import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Exercise 15, reference solution: names with compression pointers (RFC 1035 sections 4.1.4 and 2.3.4).
 */
final class DnsNames {

    record Name(String name, int end) {}

    /** RFC 1035 2.3.4: 255 octets or less. */
    private static final int MAX_OCTETS = 255;

    private DnsNames() {}

    static Name read(byte[] message, int offset) {
        int position = offset;
        int limit = offset; // every pointer must go strictly below this: no loop can form
        int end = -1;
        int octets = 1; // the root's zero octet
        List<String> labels = new ArrayList<>();
        while (true) {
            int b = at(message, position);
            if (b == 0) {
                return new Name(labels.isEmpty() ? "." : String.join(".", labels), end < 0 ? position + 1 : end);
            }
            if ((b & 0xC0) == 0xC0) { // RFC 1035 4.1.4: a pointer, two octets
                int target = ((b & 0x3F) << 8) | at(message, position + 1);
                if (target >= limit) {
                    throw new IllegalArgumentException("RFC 1035 4.1.4: a pointer goes to a prior occurrence, not to " + target);
                }
                if (end < 0) {
                    end = position + 2;
                }
                limit = target;
                position = target;
            } else if ((b & 0xC0) != 0) {
                throw new IllegalArgumentException("RFC 1035 4.1.4: label types 01 and 10 are reserved");
            } else {
                octets += b + 1;
                if (octets > MAX_OCTETS) {
                    throw new IllegalArgumentException("RFC 1035 2.3.4: a name is 255 octets or less");
                }
                if (position + 1 + b > message.length) {
                    throw new IllegalArgumentException("the message ends inside a label");
                }
                labels.add(new String(message, position + 1, b, StandardCharsets.ISO_8859_1));
                position += b + 1;
            }
        }
    }

    private static int at(byte[] message, int position) {
        if (position < 0 || position >= message.length) {
            throw new IllegalArgumentException("the message ends inside a name (offset " + position + ")");
        }
        return message[position] & 0xFF;
    }
}

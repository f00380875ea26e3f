import java.io.ByteArrayOutputStream;

/**
 * Exercise 07, reference solution: base64 (RFC 4648 section 4), by hand.
 */
final class Base64ByHand {

    /** RFC 4648 4, Table 1: the value of each character is its index. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Base64ByHand() {}

    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 2) / 3 * 4);
        for (int i = 0; i < data.length; i += 3) {
            int n = (data[i] & 0xFF) << 16;
            if (i + 1 < data.length) {
                n |= (data[i + 1] & 0xFF) << 8;
            }
            if (i + 2 < data.length) {
                n |= data[i + 2] & 0xFF;
            }
            out.append(ALPHABET.charAt(n >> 18 & 0x3F)).append(ALPHABET.charAt(n >> 12 & 0x3F));
            // RFC 4648 4: a final quantum of 8 or 16 bits is completed with "=" padding
            out.append(i + 1 < data.length ? ALPHABET.charAt(n >> 6 & 0x3F) : '=');
            out.append(i + 2 < data.length ? ALPHABET.charAt(n & 0x3F) : '=');
        }
        return out.toString();
    }

    static byte[] decode(String text) {
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException("RFC 4648 4: base64 comes in units of four characters: " + text.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 * 3);
        for (int i = 0; i < text.length(); i += 4) {
            boolean lastUnit = i + 4 == text.length();
            int padding = lastUnit ? (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0) : 0;
            int n = 0;
            for (int j = 0; j < 4; j++) {
                char c = text.charAt(i + j);
                int value = j >= 4 - padding ? 0 : ALPHABET.indexOf(c);
                if (value < 0) {
                    throw new IllegalArgumentException("RFC 4648 3.3: '" + c + "' is not in the base64 alphabet");
                }
                n = n << 6 | value;
            }
            out.write(n >> 16);
            if (padding < 2) {
                out.write(n >> 8);
            }
            if (padding < 1) {
                out.write(n);
            }
        }
        return out.toByteArray();
    }
}

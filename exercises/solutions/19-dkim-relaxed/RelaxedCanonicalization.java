import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Exercise 19, reference solution: relaxed canonicalization (RFC 6376 sections 3.4.2 and 3.4.4).
 */
final class RelaxedCanonicalization {

    private RelaxedCanonicalization() {}

    static String header(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a header field has a colon: " + field);
        }
        String name = field.substring(0, colon).toLowerCase(Locale.ROOT).strip(); // lower-case name, no WSP before the colon
        String value = field.substring(colon + 1)
                .replace("\r\n", "")               // unfold (and the final CRLF, put back below)
                .replaceAll("[ \t]+", " ")         // WSP runs to one SP
                .strip();                          // none at the end, none after the colon
        return name + ":" + value + "\r\n";
    }

    static String body(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\r\n", -1)) {
            lines.add(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")); // 3.4.4 a
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // 3.4.4 b: no empty lines at the end
        }
        StringBuilder out = new StringBuilder(body.length());
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    static String bodyHash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body(body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exercise 24, reference solution: DKIM rsa-sha256 verification (RFC 6376 sections 3.2, 3.5, 3.7, 5.4.2 and
 * 6.1.3; RFC 8017 RSASSA-PKCS1-v1_5 through the JDK's SHA256withRSA).
 */
final class DkimRsaVerifier {

    private DkimRsaVerifier() {}

    /** Given (exercise 19): relaxed header canonicalization, RFC 6376 section 3.4.2. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        return field.substring(0, colon).toLowerCase(Locale.ROOT).strip() + ":"
                + field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip() + "\r\n";
    }

    /** Given (exercise 19): relaxed body canonicalization, RFC 6376 section 3.4.4. */
    static String relaxedBody(String body) {
        String reduced = body.replaceAll("[ \t]+", " ").replace(" \r\n", "\r\n").replaceAll(" \\z", "");
        String trimmed = reduced.replaceAll("(\r\n)+\\z", "");
        return trimmed.isEmpty() ? "" : trimmed + "\r\n";
    }

    static Map<String, String> tags(String list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : list.split(";")) {
            if (spec.isBlank()) {
                continue; // 3.2: the last tag-spec may end with a semicolon
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("RFC 6376 3.2: a tag-spec is name=value, not " + spec.strip());
            }
            String name = spec.substring(0, equals).strip();
            if (tags.put(name, spec.substring(equals + 1).strip()) != null) { // 3.2: FWS around the value is not part of it
                throw new IllegalArgumentException("RFC 6376 3.2: the tag " + name + " occurs twice");
            }
        }
        return tags;
    }

    static String headerHashInput(List<String> headerFields, String signatureField) {
        List<String> unused = new ArrayList<>(headerFields);
        StringBuilder input = new StringBuilder();
        for (String name : tags(valueOf(signatureField)).get("h").split(":")) {
            for (int i = unused.size() - 1; i >= 0; i--) { // 5.4.2: from the bottom of the header block up
                if (nameOf(unused.get(i)).equalsIgnoreCase(name.strip())) {
                    input.append(relaxedHeader(unused.remove(i))); // each instance signed once
                    break;
                }
            } // 5.4.2: a name with no instance left contributes the null string (over-signing)
        }
        String emptied = signatureField.replaceAll("([:;][ \t\r\n]*b[ \t\r\n]*=)[^;]*", "$1"); // 3.7: b= as the null string
        String canonical = relaxedHeader(emptied);
        return input.append(canonical, 0, canonical.length() - 2).toString(); // 3.7: without its trailing CRLF
    }

    static boolean verify(String message, String keyRecord) {
        int end = message.indexOf("\r\n\r\n");
        String body = end < 0 ? "" : message.substring(end + 4);
        List<String> fields = new ArrayList<>();
        for (String line : (end < 0 ? message : message.substring(0, end + 2)).split("(?<=\r\n)")) {
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line); // a continuation line (folding)
            } else {
                fields.add(line);
            }
        }
        Map<String, String> key = tags(keyRecord);
        for (String field : fields) {
            if (nameOf(field).equalsIgnoreCase("DKIM-Signature") && verifies(field, fields, body, key)) {
                return true; // 6.1: one good signature is enough
            }
        }
        return false;
    }

    private static boolean verifies(String field, List<String> fields, String body, Map<String, String> key) {
        Map<String, String> tags = tags(valueOf(field));
        String publicKey = key.getOrDefault("p", "").replaceAll("\\s", "");
        if (!"1".equals(tags.get("v")) || !"rsa-sha256".equals(tags.get("a")) || !"relaxed/relaxed".equals(tags.get("c"))
                || !tags.containsKey("h") || !key.getOrDefault("k", "rsa").equals("rsa") || publicKey.isEmpty()) {
            return false; // 3.5: tags this verifier cannot use; 3.6.1: an empty p= is a revoked key
        }
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(relaxedBody(body).getBytes(StandardCharsets.UTF_8));
            if (!Base64.getEncoder().encodeToString(bodyHash).equals(tags.getOrDefault("bh", "").replaceAll("\\s", ""))) {
                return false; // 6.1.3: the body hash does not match bh=
            }
            Signature rsa = Signature.getInstance("SHA256withRSA"); // RFC 8017 RSASSA-PKCS1-v1_5, 3.3.1
            PublicKey rsaKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            rsa.initVerify(rsaKey);
            rsa.update(headerHashInput(fields, field).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(tags.getOrDefault("b", "").replaceAll("\\s", "")));
        } catch (GeneralSecurityException | IllegalArgumentException unusable) {
            return false; // a key or signature that is not what 3.6.1 and 3.5 describe
        }
    }

    private static String nameOf(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? "" : field.substring(0, colon).strip();
    }

    private static String valueOf(String field) {
        return field.substring(field.indexOf(':') + 1);
    }
}

package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import java.security.SecureRandom;
import java.util.Locale;

/** Message-ID and Content-ID values, RFC 5322 §3.6.4: {@code "<" id-left "@" id-right ">"}. */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {}

    /**
     * A new, globally unique msg-id for a message from {@code domain}. §3.6.4 asks that the id be unique;
     * the left part is the current time and 96 random bits, so two ids never collide in practice.
     */
    public static String generate(String domain) {
        if (!AddressChars.isDotAtom(domain)) {
            throw new IllegalArgumentException("RFC 5322 §3.6.4: id-right must be a dot-atom: " + domain);
        }
        return "<" + uniqueLeftPart() + "@" + domain + ">";
    }

    /** A dot-atom-text that is unique: base-36 time and random bits. */
    static String uniqueLeftPart() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return Long.toString(System.currentTimeMillis(), 36) + "."
                + new java.math.BigInteger(1, random).toString(36).toLowerCase(Locale.ROOT);
    }
}

package io.github.smtplab.auth.sasl;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

/** Users and policies shared by the SASL tests (fewest iterations RFC 7677 §4 allows, to keep tests fast). */
final class Fixtures {

    private Fixtures() {}

    static final int FAST = ScramCredentials.MIN_ITERATIONS;

    /** alice / s3cret (no CRAM-MD5 secret), tim / tanstaaftanstaaf (with, RFC 2195 §2), user / pencil (RFC 7677 §3). */
    static final UsersFile USERS = UsersFile.empty()
            .with(UserCredentials.create("alice", "s3cret", FAST, false))
            .with(UserCredentials.create("tim", "tanstaaftanstaaf", FAST, true))
            .with(UserCredentials.create("carol", "s3cret", FAST, true))
            .with(UserCredentials.create("user", "pencil", FAST, true))
            .with(UserCredentials.create("alice@monentreprise.fr", "s3cret", FAST, false));

    /** Every mechanism, also in clear (tests without TLS), MAIL only after AUTH, no pauses. */
    static AuthPolicy everythingInClear() {
        return AuthPolicy.submission()
                .withMechanisms(EnumSet.allOf(Mechanism.class), EnumSet.allOf(Mechanism.class))
                .withRequireTls(false)
                .withFailures(3, Duration.ZERO, Duration.ZERO);
    }

    static String b64(String text) {
        return Base64Codec.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String text) {
        return new String(((DecodeResult.Decoded) Base64Codec.decodeStrict(text)).bytes(), StandardCharsets.UTF_8);
    }
}

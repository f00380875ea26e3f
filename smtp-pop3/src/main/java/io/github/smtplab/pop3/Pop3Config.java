package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.Mechanism;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a POP3 server offers.
 *
 * @param hostname       the server's name, in the greeting and the APOP timestamp
 * @param auth           the SASL mechanisms (RFC 5034) offered inside TLS and in clear, and the failure
 *                       limits. USER/PASS (RFC 1939 §7) is allowed exactly where PLAIN is: it sends the
 *                       password too
 * @param stls           offer STLS (RFC 2595 §4) on a plain connection (needs a TLS upgrade in the shell)
 * @param apop           put a timestamp in the greeting and accept APOP (RFC 1939 §7), for users whose
 *                       recoverable secret is stored on purpose (the users file's CRAM-MD5 secret)
 * @param implementation the text after IMPLEMENTATION in CAPA (RFC 2449 §6.9)
 */
public record Pop3Config(String hostname, AuthPolicy auth, boolean stls, boolean apop, String implementation) {

    /** Checks the names. */
    public Pop3Config {
        Pop3Text.checked(hostname);
        Objects.requireNonNull(auth, "auth");
        Pop3Text.checked(implementation);
    }

    /**
     * Passwords only inside TLS (RFC 8314 §3, RFC 2595 §3.1): SCRAM-SHA-256, PLAIN, LOGIN and USER/PASS
     * after STLS or on the implicit-TLS port; STLS offered; no APOP; 5 failures, pauses of 1 s to 8 s.
     */
    public static Pop3Config defaults(String hostname) {
        AuthPolicy policy = AuthPolicy.submission().withRequireAuthForMail(false).withRequireTls(false)
                .withMechanisms(EnumSet.of(Mechanism.SCRAM_SHA_256, Mechanism.PLAIN, Mechanism.LOGIN), Set.of());
        return new Pop3Config(hostname, policy, true, false, "smtplab");
    }

    /** The same, also accepting passwords without TLS (tests, a trusted loopback: say so loudly). */
    public Pop3Config withAuthInClear(boolean inClear) {
        return new Pop3Config(hostname, auth.withMechanisms(auth.mechanisms(), inClear ? auth.mechanisms() : Set.of()),
                stls, apop, implementation);
    }

    /** The same, offering STLS or not. */
    public Pop3Config withStls(boolean offered) {
        return new Pop3Config(hostname, auth, offered, apop, implementation);
    }

    /** The same, offering APOP or not. */
    public Pop3Config withApop(boolean offered) {
        return new Pop3Config(hostname, auth, stls, offered, implementation);
    }

    /** The same with another authentication policy. */
    public Pop3Config withAuth(AuthPolicy policy) {
        return new Pop3Config(hostname, policy, stls, apop, implementation);
    }

    /** RFC 1939 §7 USER/PASS: allowed where PLAIN is, since both send the password itself. */
    boolean userPassAllowed(boolean tls) {
        return auth.allowed(tls).contains(Mechanism.PLAIN);
    }
}

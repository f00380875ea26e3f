package io.github.smtplab.auth.sasl;

import io.github.smtplab.core.AuthClient;
import io.github.smtplab.core.net.ClientAuthentication;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A client's choice of mechanism for a user name and password: the strongest one both sides allow,
 * in the order SCRAM-SHA-256 &gt; CRAM-MD5 &gt; PLAIN &gt; LOGIN ({@link Mechanism}'s order). PLAIN and
 * LOGIN send the password itself, so they are chosen only inside TLS, unless {@code passwordInClear}
 * is set on purpose (tests, a trusted loopback).
 *
 * @param username        the authentication identity
 * @param password        the password
 * @param allowed         the mechanisms this client will use
 * @param passwordInClear allow PLAIN and LOGIN without TLS
 */
public record PasswordAuthentication(String username, String password, Set<Mechanism> allowed, boolean passwordInClear)
        implements ClientAuthentication {

    /** Copies the set of mechanisms. */
    public PasswordAuthentication {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        allowed = Set.copyOf(allowed);
    }

    /** Every mechanism; PLAIN and LOGIN only inside TLS. */
    public static PasswordAuthentication of(String username, String password) {
        return new PasswordAuthentication(username, password, EnumSet.allOf(Mechanism.class), false);
    }

    /** The same, allowing PLAIN and LOGIN without TLS (say so loudly where you use it). */
    public PasswordAuthentication withPasswordInClear(boolean inClear) {
        return new PasswordAuthentication(username, password, allowed, inClear);
    }

    /** The same, limited to {@code mechanisms}. */
    public PasswordAuthentication withMechanisms(Set<Mechanism> mechanisms) {
        return new PasswordAuthentication(username, password, mechanisms, passwordInClear);
    }

    /** The strongest mechanism that the server offers and this client accepts now. */
    public Optional<Mechanism> strongest(List<String> offeredMechanisms, boolean tlsActive) {
        for (Mechanism m : Mechanism.values()) {   // strongest first
            boolean offered = offeredMechanisms.stream().anyMatch(o -> o.equalsIgnoreCase(m.wireName()));
            if (offered && allowed.contains(m) && (tlsActive || passwordInClear || !m.sendsPassword())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<AuthClient> choose(List<String> offeredMechanisms, boolean tlsActive) {
        return strongest(offeredMechanisms, tlsActive).map(m -> SaslClients.of(m, username, password));
    }

    @Override
    public String toString() {
        return "PasswordAuthentication[" + username + ", " + allowed + (passwordInClear ? ", password in clear allowed" : "") + "]";
    }
}

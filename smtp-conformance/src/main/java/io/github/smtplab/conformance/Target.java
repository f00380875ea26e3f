package io.github.smtplab.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The server under test and how to run the suite against it.
 *
 * @param host          host name or address
 * @param port          TCP port
 * @param domain        a domain the server accepts mail for
 * @param rcpt          a mailbox that server accepts mail for
 * @param profile       mx, submission or core
 * @param tls           none, starttls or implicit
 * @param trust         PEM file of the CA to trust; empty: any certificate is taken (the suite checks the protocol, not the PKI)
 * @param user          AUTH identity, if any
 * @param password      its password (empty string when no user)
 * @param maildir       where the server stores mail for {@code rcpt}, for delivered-content checks
 * @param slow          whether to run the probes that wait for minutes
 * @param only          groups to run ({@code smuggling}, {@code starttls}...); empty: all
 * @param replyTimeout  the longest wait for one reply
 * @param probeTimeout  the longest one probe may take (its waits excepted)
 */
public record Target(String host, int port, String domain, String rcpt, Profile profile, TlsMode tls, Optional<Path> trust,
                     Optional<String> user, String password, Optional<Path> maildir, boolean slow, Set<String> only,
                     Duration replyTimeout, Duration probeTimeout) {

    public Target {
        only = Set.copyOf(only);
        if (!rcpt.contains("@")) {
            throw new IllegalArgumentException("--rcpt is a full address, local@domain: " + rcpt);
        }
    }

    /** A target with default settings: no TLS, no login, no maildir, 10 s per reply, 60 s per probe. */
    public static Target of(String host, int port, String domain, String rcpt, Profile profile) {
        return new Target(host, port, domain, rcpt, profile, TlsMode.NONE, Optional.empty(), Optional.empty(), "",
                Optional.empty(), false, Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** The same target with TLS settings. */
    public Target withTls(TlsMode mode, Optional<Path> ca) {
        return new Target(host, port, domain, rcpt, profile, mode, ca, user, password, maildir, slow, only, replyTimeout, probeTimeout);
    }

    /** The same target with credentials for AUTH PLAIN. */
    public Target withLogin(String name, String secret) {
        return new Target(host, port, domain, rcpt, profile, tls, trust, Optional.of(name), secret, maildir, slow, only, replyTimeout, probeTimeout);
    }

    /** The same target with delivered-content checks in {@code dir}. */
    public Target withMaildir(Path dir) {
        return new Target(host, port, domain, rcpt, profile, tls, trust, user, password, Optional.of(dir), slow, only, replyTimeout, probeTimeout);
    }

    /** The same target with other run options. */
    public Target withRun(boolean runSlow, Set<String> groups, Duration perReply) {
        return new Target(host, port, domain, rcpt, profile, tls, trust, user, password, maildir, runSlow, groups, perReply, probeTimeout);
    }
}

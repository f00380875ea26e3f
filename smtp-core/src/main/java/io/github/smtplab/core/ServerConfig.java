package io.github.smtplab.core;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a server session. Build one with {@link #defaults(String)} and the {@code with...}
 * methods; the record validates its limits against the RFC minimums.
 *
 * @param hostname       the server's name, in the greeting and the EHLO reply (§4.1.1.1, §4.3.1)
 * @param extensions     the built-in extensions to offer in EHLO
 * @param maxMessageSize the largest message accepted, in octets; 0 for no fixed limit (RFC 1870 §4)
 * @param maxRecipients  recipients per transaction; at least 100 (§4.5.3.1.8)
 * @param maxErrors      syntax and sequence errors tolerated before the server closes with 421
 * @param policy         how strictly commands are read
 * @param serverExtensions extensions from other modules (STARTTLS, AUTH), asked in this order
 */
public record ServerConfig(String hostname, Set<SmtpExtension> extensions, long maxMessageSize, int maxRecipients,
                           int maxErrors, ParsePolicy policy, List<ServerExtension> serverExtensions) {

    /** RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients per message. */
    public static final int MIN_RECIPIENTS = 100;
    /** Errors tolerated before closing: enough for a confused human at a terminal, not for a scanner. */
    public static final int DEFAULT_MAX_ERRORS = 10;
    /** 25 MiB: a common limit for a message in 2020s mail. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        extensions = Set.copyOf(extensions);
        serverExtensions = List.copyOf(serverExtensions);
        Objects.requireNonNull(policy, "policy");
        if (maxRecipients < MIN_RECIPIENTS) {
            throw new IllegalArgumentException("RFC 5321 section 4.5.3.1.8: at least " + MIN_RECIPIENTS + " recipients");
        }
        if (maxMessageSize < 0 || maxErrors < 1) {
            throw new IllegalArgumentException("maxMessageSize >= 0 and maxErrors >= 1");
        }
    }

    /** All built-in extensions, 25 MiB, 100 recipients, strict parsing, no plugged extensions. */
    public static ServerConfig defaults(String hostname) {
        return new ServerConfig(hostname, EnumSet.allOf(SmtpExtension.class), DEFAULT_MAX_MESSAGE_SIZE, MIN_RECIPIENTS,
                DEFAULT_MAX_ERRORS, ParsePolicy.STRICT, List.of());
    }

    public ServerConfig withExtensions(Set<SmtpExtension> newExtensions) {
        return new ServerConfig(hostname, newExtensions, maxMessageSize, maxRecipients, maxErrors, policy, serverExtensions);
    }

    public ServerConfig withMaxMessageSize(long newMaxMessageSize) {
        return new ServerConfig(hostname, extensions, newMaxMessageSize, maxRecipients, maxErrors, policy, serverExtensions);
    }

    public ServerConfig withMaxRecipients(int newMaxRecipients) {
        return new ServerConfig(hostname, extensions, maxMessageSize, newMaxRecipients, maxErrors, policy, serverExtensions);
    }

    public ServerConfig withMaxErrors(int newMaxErrors) {
        return new ServerConfig(hostname, extensions, maxMessageSize, maxRecipients, newMaxErrors, policy, serverExtensions);
    }

    public ServerConfig withPolicy(ParsePolicy newPolicy) {
        return new ServerConfig(hostname, extensions, maxMessageSize, maxRecipients, maxErrors, newPolicy, serverExtensions);
    }

    public ServerConfig withServerExtensions(List<ServerExtension> newServerExtensions) {
        return new ServerConfig(hostname, extensions, maxMessageSize, maxRecipients, maxErrors, policy, newServerExtensions);
    }

    /** RFC 1870 §3 (5): SIZE adds 26 characters to MAIL FROM. */
    public static final int SIZE_EXTRA = 26;
    /** RFC 6531 §3.4 (5): SMTPUTF8 adds 10 to MAIL. */
    public static final int SMTPUTF8_EXTRA = 10;
    /** RFC 3461 §4.1, §4.2: " NOTIFY=SUCCESS,FAILURE,DELAY" (29) and " ORCPT=" (7) with up to 500 characters. */
    public static final int DSN_EXTRA = 536;
    /** RFC 4954 §3 (5): the AUTH= parameter adds 500 characters to MAIL FROM. */
    public static final int AUTH_PARAMETER_EXTRA = 500;
    /** RFC 4954 §4: lines of an AUTH exchange may be far longer than commands; 12288 octets suffice. */
    public static final int MAX_AUTH_LINE = 12288;

    /** The longest command line this configuration accepts: 512 plus what the offered extensions add. */
    public int maxCommandLine() {
        int max = LineReader.MAX_COMMAND_LINE;   // RFC 5321 §4.5.3.1.4, before what extensions add
        max += offers(SmtpExtension.SIZE) ? SIZE_EXTRA : 0;
        max += offers(SmtpExtension.SMTPUTF8) ? SMTPUTF8_EXTRA : 0;
        max += offers(SmtpExtension.DSN) ? DSN_EXTRA : 0;
        max += serverExtensions.stream().anyMatch(e -> e.mailParameters().contains("AUTH")) ? AUTH_PARAMETER_EXTRA : 0;
        return max;
    }

    /** True when the built-in extension is enabled. */
    public boolean offers(SmtpExtension extension) {
        return extensions.contains(extension);
    }
}

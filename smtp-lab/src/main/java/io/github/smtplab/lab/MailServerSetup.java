package io.github.smtplab.lab;

import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.inbound.InboundCheckDelivery;
import io.github.smtplab.auth.inbound.InboundChecker;
import io.github.smtplab.auth.sasl.AuthExtension;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerExtension;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.delivery.LocalRecipients;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.lab.checks.DkimSigning;
import io.github.smtplab.tls.ServerTls;
import io.github.smtplab.tls.ServerTlsPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How the lab assembles an MX or a submission server from the library's parts, once, for both
 * {@code ./smtplab serve} and the demo. Each part is one method, in the order a message meets it:
 *
 * <ol>
 *   <li>{@link #startTls}: STARTTLS offered (RFC 3207) and, in the submission role or when asked,
 *       required before MAIL;</li>
 *   <li>{@link #auth}: AUTH (RFC 4954); with users, only authenticated sessions relay (RFC 6409),
 *       without, only clients on the loopback interface (a lab without users);</li>
 *   <li>{@link RoleHooks}: the role's recipient rules (an MX relays for nobody);</li>
 *   <li>local mail: {@link #checkInbound} (SPF, DKIM, DMARC, then Authentication-Results) in front of the
 *       {@link #localDelivery} (a Maildir);</li>
 *   <li>relayed mail: {@link #dkimSigning} in front of the {@link #relayDelivery} (the outbound queue).</li>
 * </ol>
 *
 * <p>{@link #listener} and {@link #implicitTlsListener} return a server builder with all of it installed;
 * the caller adds what is its own (timeouts, limits, transcripts) and starts it.
 */
public final class MailServerSetup {

    private final Role role;
    private final String host;
    private final Set<String> domains;
    private LocalRecipients recipients = LocalRecipients.catchAll();
    private ServerHooks localDelivery;
    private InboundChecker inboundChecker;
    private Optional<Path> inboundSpool = Optional.empty();
    private ServerHooks relayDelivery;
    private DkimSigner signer;
    private ServerTls tls;
    private ServerTlsPolicy tlsPolicy;
    private AuthExtension auth;
    private long maxMessageSize = ServerConfig.DEFAULT_MAX_MESSAGE_SIZE;
    private RoleHooks hooks;

    private MailServerSetup(Role role, String host, Set<String> domains) {
        this.role = Objects.requireNonNull(role, "role");
        this.host = Objects.requireNonNull(host, "host");
        this.domains = Set.copyOf(domains);
    }

    /** A server named {@code host} in {@code role}, receiving mail for {@code domains}. */
    public static MailServerSetup of(Role role, String host, Set<String> domains) {
        return new MailServerSetup(role, host, domains);
    }

    /** Only these mailboxes of the local domains exist (default: every local part does). */
    public MailServerSetup recipients(LocalRecipients known) {
        this.recipients = Objects.requireNonNull(known, "known");
        return this;
    }

    /** Where mail for the local domains is stored (required). */
    public MailServerSetup localDelivery(ServerHooks delivery) {
        this.localDelivery = Objects.requireNonNull(delivery, "delivery");
        return this;
    }

    /** Checks local mail before it is stored; the body waits in {@code spoolDirectory} while it is checked. */
    public MailServerSetup checkInbound(InboundChecker checker, Path spoolDirectory) {
        this.inboundChecker = Objects.requireNonNull(checker, "checker");
        this.inboundSpool = Optional.of(spoolDirectory);
        return this;
    }

    /** Checks local mail before it is stored; the body waits in the system's temporary directory. */
    public MailServerSetup checkInbound(InboundChecker checker) {
        this.inboundChecker = Objects.requireNonNull(checker, "checker");
        this.inboundSpool = Optional.empty();
        return this;
    }

    /** Where mail for other domains goes (submission role only; without it, nothing is relayed). */
    public MailServerSetup relayDelivery(ServerHooks delivery) {
        this.relayDelivery = Objects.requireNonNull(delivery, "delivery");
        return this;
    }

    /** Relayed mail is DKIM-signed first (RFC 6376 §2.1: the signing domain takes responsibility). */
    public MailServerSetup dkimSigning(DkimSigner dkimSigner) {
        this.signer = Objects.requireNonNull(dkimSigner, "dkimSigner");
        return this;
    }

    /** STARTTLS with this certificate, under {@code policy}. */
    public MailServerSetup startTls(ServerTls serverTls, ServerTlsPolicy policy) {
        this.tls = Objects.requireNonNull(serverTls, "serverTls");
        this.tlsPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** AUTH for these users under {@code policy}; relaying is then for authenticated sessions only. */
    public MailServerSetup auth(UsersFile users, AuthPolicy policy) {
        this.auth = new AuthExtension(users, policy, host);
        return this;
    }

    /** The SIZE limit (RFC 1870). */
    public MailServerSetup maxMessageSize(long octets) {
        this.maxMessageSize = octets;
        return this;
    }

    /** True when local mail is checked (SPF, DKIM, DMARC) before it is stored. */
    public boolean checksInbound() {
        return inboundChecker != null;
    }

    /** True when STARTTLS is set up. */
    public boolean offersTls() {
        return tls != null;
    }

    /** The server's name. */
    public String host() {
        return host;
    }

    /** The recipient and delivery rules, built once and shared by every listener of this setup. */
    public RoleHooks hooks() {
        if (hooks == null) {
            ServerHooks local = Objects.requireNonNull(localDelivery, "localDelivery is required");
            if (inboundChecker != null) {
                local = inboundSpool.isPresent() ? new InboundCheckDelivery(inboundChecker, inboundSpool.get(), local)
                        : new InboundCheckDelivery(inboundChecker, local);
            }
            Optional<ServerHooks> relay = Optional.ofNullable(relayDelivery)
                    .map(queue -> signer == null ? queue : new DkimSigning(signer, queue));
            Predicate<SessionView> mayRelay = auth != null ? AuthExtension::relayAllowed : RoleHooks::fromLoopback;
            hooks = new RoleHooks(role, domains, recipients, local, relay, mayRelay);
        }
        return hooks;
    }

    /** A plain listener on {@code address}, with STARTTLS when {@link #startTls} was given. */
    public SmtpServer.Builder listener(InetSocketAddress address) {
        SmtpServer.Builder builder = SmtpServer.builder(config()).listen(address).hooks(hooks());
        if (tls != null) {
            builder.tls(tls.startTls(tlsPolicy));   // RFC 3207
        }
        return builder;
    }

    /** An implicit-TLS listener on {@code address} (RFC 8314 §3); needs {@link #startTls}'s certificate. */
    public SmtpServer.Builder implicitTlsListener(InetSocketAddress address) {
        if (tls == null) {
            throw new IllegalStateException("implicit TLS needs a certificate: call startTls first");
        }
        return SmtpServer.builder(config()).listen(address).hooks(hooks()).tls(tls.implicitTls());
    }

    private ServerConfig config() {
        List<ServerExtension> extensions = new ArrayList<>();
        if (auth != null) {
            extensions.add(auth);   // RFC 4954
        }
        return ServerConfig.defaults(host).withMaxMessageSize(maxMessageSize).withServerExtensions(extensions);
    }
}

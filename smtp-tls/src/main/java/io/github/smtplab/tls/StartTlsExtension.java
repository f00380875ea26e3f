package io.github.smtplab.tls;

import io.github.smtplab.core.Command;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerExtension;
import io.github.smtplab.core.SessionView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The STARTTLS extension of RFC 3207 for the smtp-core server engine: it decides what to answer; the
 * handshake itself is {@link ServerTls}'s job, called by the socket shell after the 220.
 *
 * <ul>
 *   <li>§4: the {@code STARTTLS} keyword is in the EHLO reply only while the session is not yet in TLS
 *       (inside TLS, RFC 3207 §4.2 requires that STARTTLS is not offered again);</li>
 *   <li>§4: {@code 220 2.0.0 Ready to start TLS}; {@code 454 4.7.0 TLS not available due to temporary
 *       reason} when no key material could be set up; a second STARTTLS inside TLS gets
 *       {@code 503 5.5.1} (§4.2);</li>
 *   <li>§4, under {@link ServerTlsPolicy#REQUIRED}: MAIL, AUTH, VRFY and EXPN before TLS get
 *       {@code 530 5.7.0 Must issue a STARTTLS command first}; NOOP, EHLO, HELO, RSET, HELP, QUIT and
 *       STARTTLS are still answered.</li>
 * </ul>
 *
 * <p>The engine discards whatever the client sent after the STARTTLS line (CVE-2011-0411) and forgets
 * EHLO, MAIL and RCPT once the handshake is done (§4.2).
 */
public final class StartTlsExtension implements ServerExtension {

    /** RFC 3207 §4: the reply that starts the handshake. */
    public static final Reply READY = Reply.of(220, "2.0.0", "Ready to start TLS");
    /** RFC 3207 §4: TLS cannot be set up now. */
    public static final Reply TLS_UNAVAILABLE = Reply.of(454, "4.7.0", "TLS not available due to temporary reason");
    /** RFC 3207 §4: the policy requires TLS before this command. */
    public static final Reply MUST_START_TLS = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    /** RFC 3207 §4.2 and RFC 5321 §4.1.4: STARTTLS inside TLS is out of sequence. */
    public static final Reply ALREADY_IN_TLS = Reply.of(503, "5.5.1", "Bad sequence of commands: TLS is already active");
    /** The EHLO keyword (RFC 3207 §4). */
    public static final String KEYWORD = "STARTTLS";

    private final ServerTlsPolicy policy;
    private final boolean available;

    /**
     * @param policy    whether TLS is required before mail
     * @param available whether the server can do a handshake (key material loaded); if not, STARTTLS gets 454
     */
    public StartTlsExtension(ServerTlsPolicy policy, boolean available) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.available = available;
    }

    /** The policy this extension enforces. */
    public ServerTlsPolicy policy() {
        return policy;
    }

    @Override
    public List<String> ehloKeywords(SessionView session) {
        return session.tls().isPresent() ? List.of() : List.of(KEYWORD);
    }

    @Override
    public Optional<ExtensionReply> onCommand(Command command, SessionView session) {
        boolean inTls = session.tls().isPresent();
        return switch (command) {
            case Command.StartTls startTls -> Optional.of(inTls ? new ExtensionReply.Done(ALREADY_IN_TLS)
                    : available ? new ExtensionReply.StartTls(READY)
                    : new ExtensionReply.Done(TLS_UNAVAILABLE));
            case Command.Auth auth when mustRefuse(inTls) -> Optional.of(new ExtensionReply.Done(MUST_START_TLS));
            case Command.Vrfy vrfy when mustRefuse(inTls) -> Optional.of(new ExtensionReply.Done(MUST_START_TLS));
            case Command.Expn expn when mustRefuse(inTls) -> Optional.of(new ExtensionReply.Done(MUST_START_TLS));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Reply> beforeMail(Command.MailFrom mail, SessionView session) {
        return mustRefuse(session.tls().isPresent()) ? Optional.of(MUST_START_TLS) : Optional.empty();
    }

    private boolean mustRefuse(boolean inTls) {
        return policy == ServerTlsPolicy.REQUIRED && !inTls;
    }
}

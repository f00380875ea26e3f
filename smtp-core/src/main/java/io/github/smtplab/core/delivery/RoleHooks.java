package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The hooks of an MX or a submission server ({@link Role}): which recipients are accepted, and where
 * their mail goes — local recipients to the local delivery (a Maildir), others to the relay delivery
 * (the outbound queue).
 *
 * <p>A delivery is any {@link ServerHooks}: these hooks split the envelope by destination and ask each
 * delivery's {@link ServerHooks#onData} for its share of the recipients; a delivery's other hooks are
 * never asked (recipients are decided here).
 *
 * <p>Relaying is the dangerous part: a server that relays for anyone is an open relay and will be
 * abused within hours. Here it happens only in the submission role, only for sessions that
 * {@code relayAllowed} approves (smtp-auth's {@code AuthExtension::relayAllowed}: authenticated sessions;
 * {@link #fromLoopback} for a lab without users),
 * and only when a relay delivery is configured.
 */
public final class RoleHooks implements ServerHooks {

    private final Role role;
    private final Set<String> localDomains;
    private final ServerHooks local;
    private final Optional<ServerHooks> relay;
    private final Predicate<SessionView> relayAllowed;
    private final LocalRecipients recipients;

    /**
     * Hooks with a catch-all: every local part of the local domains is accepted ({@link LocalRecipients#catchAll()}).
     *
     * @param localDomains the domains whose mail is delivered here (compared case-insensitively)
     * @param local        where mail for local recipients goes
     * @param relay        where mail to other domains goes (submission role); empty to refuse relaying
     * @param relayAllowed which sessions may relay (submission role)
     */
    public RoleHooks(Role role, Set<String> localDomains, ServerHooks local, Optional<ServerHooks> relay,
                     Predicate<SessionView> relayAllowed) {
        this(role, localDomains, LocalRecipients.catchAll(), local, relay, relayAllowed);
    }

    /**
     * Hooks that accept only the {@code recipients} of the local domains; any other local address gets
     * {@code 550 5.1.1} (RFC 5321 §3.3).
     */
    public RoleHooks(Role role, Set<String> localDomains, LocalRecipients recipients, ServerHooks local,
                     Optional<ServerHooks> relay, Predicate<SessionView> relayAllowed) {
        this.recipients = Objects.requireNonNull(recipients);
        this.role = Objects.requireNonNull(role);
        this.localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.local = Objects.requireNonNull(local);
        this.relay = Objects.requireNonNull(relay);
        this.relayAllowed = Objects.requireNonNull(relayAllowed);
    }

    /** A relay rule for a lab without users: the client connects from the loopback interface. */
    public static boolean fromLoopback(SessionView session) {
        return session.clientAddress().map(a -> a.getAddress() != null && a.getAddress().isLoopbackAddress()).orElse(false);
    }

    /** True when the recipient's mail is delivered here. */
    public boolean isLocal(ForwardPath recipient) {
        return switch (recipient) {
            case ForwardPath.Postmaster p -> true;
            case Mailbox m -> localDomains.contains(m.domainLowerCase());
        };
    }

    @Override
    public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
        if (isLocal(recipient)) {
            boolean exists = !(recipient instanceof Mailbox m) || recipients.exists(m);   // <Postmaster> always does
            return exists ? Replies.RECIPIENT_OK : Replies.NO_SUCH_USER;
        }
        if (role == Role.SUBMISSION && relay.isPresent() && relayAllowed.test(session)) {
            return Replies.RECIPIENT_OK.withText("Recipient OK, will relay");
        }
        return Replies.RELAY_DENIED;
    }

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        List<Envelope.Recipient> mine = new ArrayList<>();
        List<Envelope.Recipient> others = new ArrayList<>();
        for (Envelope.Recipient r : envelope.recipients()) {
            (isLocal(r.path()) ? mine : others).add(r);
        }
        List<MessageSink> sinks = new ArrayList<>();
        try {
            if (!mine.isEmpty()) {
                sinks.add(local.onData(new Envelope(envelope.sender(), envelope.mailParameters(), mine), session));
            }
            if (!others.isEmpty()) {
                sinks.add(relay.orElseThrow().onData(new Envelope(envelope.sender(), envelope.mailParameters(), others), session));
            }
        } catch (IOException | RuntimeException e) {
            sinks.forEach(MessageSink::abort);
            throw e;
        }
        return sinks.size() == 1 ? sinks.getFirst() : new FanOut(sinks);
    }

    /** One message written to several sinks; accepted only when every sink accepted it. */
    private record FanOut(List<MessageSink> sinks) implements MessageSink {
        @Override
        public void write(ByteBuffer content) throws IOException {
            for (MessageSink sink : sinks) {
                sink.write(content.duplicate());
            }
            content.position(content.limit());
        }

        @Override
        public void transferFrom(FileChannel source, long position, long count) throws IOException {
            for (MessageSink sink : sinks) {
                sink.transferFrom(source, position, count);
            }
        }

        @Override
        public Reply complete() throws IOException {
            Reply result = Replies.MESSAGE_ACCEPTED;
            for (int i = 0; i < sinks.size(); i++) {
                Reply r = sinks.get(i).complete();
                if (!r.isPositiveCompletion()) {
                    result = r;   // the message stays stored where it succeeded: the client will retry
                }
            }
            return result;
        }

        @Override
        public void abort() {
            sinks.forEach(MessageSink::abort);
        }
    }
}

package io.github.smtplab.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a module above smtp-core adds an SMTP extension to the server engine without smtp-core depending
 * on it: smtp-tls adds STARTTLS (RFC 3207), smtp-auth adds AUTH (RFC 4954). The engine asks each
 * extension, in order, for its EHLO keywords, offers it every command before handling the command
 * itself, and lets it refuse MAIL (for example {@code 530 5.7.0 Must issue a STARTTLS command first}).
 */
public interface ServerExtension {

    /** The EHLO lines this extension adds now, e.g. {@code STARTTLS} or {@code AUTH PLAIN LOGIN}; may depend on the session. */
    default List<String> ehloKeywords(SessionView session) {
        return List.of();
    }

    /** Handles a command this extension owns; empty lets the engine (or the next extension) decide. */
    default Optional<ExtensionReply> onCommand(Command command, SessionView session) {
        return Optional.empty();
    }

    /** A gate before MAIL is accepted; a present reply refuses the MAIL command with it. */
    default Optional<Reply> beforeMail(Command.MailFrom mail, SessionView session) {
        return Optional.empty();
    }

    /** MAIL parameters this extension defines (upper case), e.g. {@code AUTH} (RFC 4954 §5). */
    default Set<String> mailParameters() {
        return Set.of();
    }

    /** What the engine should do after an extension handled a command or a line. */
    sealed interface ExtensionReply {

        /** Send the reply; the session goes on. */
        record Done(Reply reply) implements ExtensionReply {}

        /**
         * Send the reply (220) and hand the connection to TLS. The engine discards every byte it has
         * received after the command (RFC 3207 §4.2, CVE-2011-0411) and waits for
         * {@link ServerSession#tlsStarted}.
         */
        record StartTls(Reply reply) implements ExtensionReply {}

        /** Send the reply (334) and give the next line to {@code next} (an AUTH exchange, RFC 4954 §4). */
        record Challenge(Reply reply, LineHandler next) implements ExtensionReply {}

        /** Send the reply (235): the client is now {@code identity} (RFC 4954 §6). */
        record Authenticated(Reply reply, String identity) implements ExtensionReply {}

        /** Send the reply and close the connection. */
        record Close(Reply reply) implements ExtensionReply {}
    }

    /** Receives the next raw line during a multi-line exchange. */
    @FunctionalInterface
    interface LineHandler {
        ExtensionReply onLine(String line, SessionView session);
    }
}

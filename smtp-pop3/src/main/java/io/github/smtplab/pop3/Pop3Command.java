package io.github.smtplab.pop3;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One POP3 command line, as {@link Pop3CommandParser} understood it (RFC 1939 §3: a case-insensitive
 * keyword, then arguments separated by single spaces). Peer input never makes the parser throw: what it
 * cannot understand becomes {@link Unknown} or {@link Invalid}, which the session answers with -ERR.
 */
public sealed interface Pop3Command {

    /** RFC 2449 §5: which capabilities the server has now. */
    record Capa() implements Pop3Command {}

    /** RFC 2595 §4: switch this connection to TLS. */
    record Stls() implements Pop3Command {}

    /** RFC 1939 §7: the name half of USER/PASS. */
    record User(String name) implements Pop3Command {
        public User {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * RFC 1939 §7: the password half of USER/PASS. The password is the rest of the line, spaces included
     * (RFC 1939 §7: "a POP3 server may treat spaces in the argument as part of the password").
     *
     * @param password the octets received, one char per octet (ISO-8859-1), so that nothing is lost
     */
    record Pass(String password) implements Pop3Command {
        public Pass {
            Objects.requireNonNull(password, "password");
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Pass[****]";
        }
    }

    /** RFC 1939 §7: a name and the MD5 digest of the greeting's timestamp followed by the shared secret. */
    record Apop(String name, String digest) implements Pop3Command {
        public Apop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** RFC 5034 §4: a SASL mechanism, with an optional initial response (base64, or "=" for empty). */
    record Auth(String mechanism, Optional<String> initialResponse) implements Pop3Command {
        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(initialResponse, "initialResponse");
        }
    }

    /** RFC 1939 §5: how many messages and how many octets. */
    record Stat() implements Pop3Command {}

    /** RFC 1939 §5: the size of one message, or of all of them. */
    record List(OptionalInt message) implements Pop3Command {}

    /** RFC 1939 §5: a whole message. */
    record Retr(int message) implements Pop3Command {}

    /** RFC 1939 §5: mark a message deleted (it goes at UPDATE). */
    record Dele(int message) implements Pop3Command {}

    /** RFC 1939 §5: nothing, but +OK. */
    record Noop() implements Pop3Command {}

    /** RFC 1939 §5: unmark every message marked deleted. */
    record Rset() implements Pop3Command {}

    /** RFC 1939 §7: the header and the first {@code lines} lines of the body. */
    record Top(int message, int lines) implements Pop3Command {}

    /** RFC 1939 §7: the unique-id of one message, or of all of them. */
    record Uidl(OptionalInt message) implements Pop3Command {}

    /** RFC 1939 §6: end the session (and enter UPDATE if authenticated). */
    record Quit() implements Pop3Command {}

    /** A keyword this server does not know. */
    record Unknown(String keyword) implements Pop3Command {
        public Unknown {
            Objects.requireNonNull(keyword, "keyword");
        }
    }

    /** A known keyword with arguments that break its grammar; {@code reason} is sent back after -ERR. */
    record Invalid(String keyword, String reason) implements Pop3Command {
        public Invalid {
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

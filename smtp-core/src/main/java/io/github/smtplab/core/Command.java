package io.github.smtplab.core;

import java.util.Optional;

/**
 * One SMTP command line, parsed (RFC 5321 §4.1.1). {@link CommandParser} turns every line into one of
 * these and never throws on what a peer sends: a line it cannot read becomes {@link Unknown} (no such
 * verb) or {@link Malformed} (a known verb with bad arguments, carrying the reply that says why).
 *
 * <p>{@link #format()} writes the command back as a client sends it, without the CRLF.
 */
public sealed interface Command {

    /** The command as written on the wire, without CRLF. */
    String format();

    /** {@code HELO SP Domain} (§4.1.1.1). */
    record Helo(String domain) implements Command {
        @Override
        public String format() {
            return "HELO " + domain;
        }
    }

    /** {@code EHLO SP ( Domain / address-literal )} (§4.1.1.1): asks for the extensions list. */
    record Ehlo(String domain) implements Command {
        @Override
        public String format() {
            return "EHLO " + domain;
        }
    }

    /** {@code MAIL FROM:Reverse-path [SP Mail-parameters]} (§4.1.1.2): starts a transaction. */
    record MailFrom(ReversePath path, EsmtpParameters parameters) implements Command {
        public MailFrom(ReversePath path) {
            this(path, EsmtpParameters.NONE);
        }

        @Override
        public String format() {
            return "MAIL FROM:" + path.toPathString() + parameters.format();
        }
    }

    /** {@code RCPT TO:Forward-path [SP Rcpt-parameters]} (§4.1.1.3): adds one recipient. */
    record RcptTo(ForwardPath path, EsmtpParameters parameters) implements Command {
        public RcptTo(ForwardPath path) {
            this(path, EsmtpParameters.NONE);
        }

        @Override
        public String format() {
            return "RCPT TO:" + path.toPathString() + parameters.format();
        }
    }

    /** {@code DATA} (§4.1.1.4): the message follows, ended by {@code CRLF.CRLF}. */
    record Data() implements Command {
        @Override
        public String format() {
            return "DATA";
        }
    }

    /**
     * {@code BDAT SP chunk-size [SP end-marker]} (RFC 3030 §2): exactly {@code size} octets follow the
     * line, with no dot-stuffing; {@code last} marks the final chunk.
     */
    record Bdat(long size, boolean last) implements Command {
        public Bdat {
            if (size < 0) {
                throw new IllegalArgumentException("RFC 3030 section 2: chunk-size is 1*DIGIT");
            }
        }

        @Override
        public String format() {
            return "BDAT " + size + (last ? " LAST" : "");
        }
    }

    /** {@code RSET} (§4.1.1.5): abandons the transaction, keeps the EHLO. */
    record Rset() implements Command {
        @Override
        public String format() {
            return "RSET";
        }
    }

    /** {@code VRFY SP String} (§4.1.1.6). */
    record Vrfy(String argument) implements Command {
        @Override
        public String format() {
            return "VRFY " + argument;
        }
    }

    /** {@code EXPN SP String} (§4.1.1.7). */
    record Expn(String argument) implements Command {
        @Override
        public String format() {
            return "EXPN " + argument;
        }
    }

    /** {@code HELP [SP String]} (§4.1.1.8). */
    record Help(Optional<String> topic) implements Command {
        @Override
        public String format() {
            return "HELP" + topic.map(t -> " " + t).orElse("");
        }
    }

    /** {@code NOOP [SP String]} (§4.1.1.9): the argument is ignored. */
    record Noop(Optional<String> argument) implements Command {
        @Override
        public String format() {
            return "NOOP" + argument.map(a -> " " + a).orElse("");
        }
    }

    /** {@code QUIT} (§4.1.1.10). */
    record Quit() implements Command {
        @Override
        public String format() {
            return "QUIT";
        }
    }

    /** {@code STARTTLS} (RFC 3207 §4): handled by an extension (smtp-tls). */
    record StartTls() implements Command {
        @Override
        public String format() {
            return "STARTTLS";
        }
    }

    /**
     * {@code AUTH SP sasl-mech [SP initial-response]} (RFC 4954 §4): handled by an extension (smtp-auth).
     *
     * @param mechanism       upper-cased SASL mechanism name, 1 to 20 of {@code A-Z 0-9 - _}
     * @param initialResponse base64 text, or {@code "="} for an empty initial response; not decoded here
     */
    record Auth(String mechanism, Optional<String> initialResponse) implements Command {
        @Override
        public String format() {
            return "AUTH " + mechanism + initialResponse.map(r -> " " + r).orElse("");
        }
    }

    /** A verb this engine does not know (§4.2.4: answered {@code 500}). */
    record Unknown(String verb, String line) implements Command {
        @Override
        public String format() {
            return line;
        }
    }

    /**
     * A known verb whose arguments break the grammar; {@code reply} says which rule (501, 553, 555...).
     *
     * @param verb  the verb, upper-cased
     * @param line  the line as received
     * @param reply the reply to send
     */
    record Malformed(String verb, String line, Reply reply) implements Command {
        @Override
        public String format() {
            return line;
        }
    }
}

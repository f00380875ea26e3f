package io.github.smtplab.lab.demo;

import io.github.smtplab.core.Reply;
import java.util.List;

/**
 * One line of the demo's story, with the context needed to explain it: which command a reply answers,
 * whether TLS is already on, whether a recipient is a Bcc one. {@link Annotations} turns each kind into a
 * sentence; the console and the HTML page show the same lines and sentences.
 */
public sealed interface DialogueLine {

    /** Whether the line is a message between two parties (an arrow in the diagram), not an event. */
    default boolean isArrow() {
        return switch (this) {
            case Command c -> true;
            case AuthResponse a -> true;
            case ReplyLine r -> true;
            case Content c -> true;
            case FinalDot d -> true;
            case DnsLookup d -> true;
            case Delivered d -> true;
            case Pop3Command c -> true;
            case Pop3Status s -> true;
            case Pop3ListingLine l -> true;
            case Pop3Message m -> true;
            case Pop3Tls t -> false;
            case Pop3Closed c -> false;
            case Connected c -> false;
            case TlsHandshake t -> false;
            case TlsStarted t -> false;
            case Event e -> false;
        };
    }

    /**
     * A command the client sent (RFC 5321 §4.1).
     *
     * @param text         the line as sent (an AUTH PLAIN initial response masked)
     * @param verb         its verb, upper case
     * @param afterTls     sent inside TLS
     * @param pipelined    the server offered PIPELINING, so MAIL, RCPT and DATA leave in one group (RFC 2920)
     * @param bccRecipient a RCPT for a recipient that the header does not name (a Bcc one)
     */
    record Command(String text, String verb, boolean afterTls, boolean pipelined, boolean bccRecipient) implements DialogueLine {}

    /**
     * A client response inside an AUTH exchange (RFC 4954 §4).
     *
     * @param shown     the line as shown: base64, a password masked
     * @param mechanism the SASL mechanism
     * @param index     1 for the first response, 2 for the second...
     * @param secret    true when the line carries the password (shown masked)
     */
    record AuthResponse(String shown, String mechanism, int index, boolean secret) implements DialogueLine {}

    /**
     * One line of a server reply.
     *
     * @param text    the line as received, e.g. {@code 250-PIPELINING}
     * @param reply   the whole reply it belongs to
     * @param index   its position in the reply, 0 for the first
     * @param answers the client line this reply answers
     */
    record ReplyLine(String text, Reply reply, int index, Answered answers) implements DialogueLine {
        /** Whether this is the reply's last line ({@code 250 } with a space, RFC 5321 §4.2.1). */
        public boolean last() {
            return index == reply.lines().size() - 1;
        }
    }

    /**
     * What a reply answers: the greeting (the server speaks first), a command, an AUTH response, or the
     * message ended by its final dot.
     *
     * @param verb      {@code GREETING}, a command verb, {@code AUTH-RESPONSE} or {@code CONTENT}
     * @param line      the client line answered, as shown (empty for the greeting)
     * @param pipelined sent in a pipelined group (RFC 2920 §3.1)
     * @param mechanism during AUTH, the SASL mechanism; otherwise empty
     */
    record Answered(String verb, String line, boolean pipelined, String mechanism) {
        /** What the first reply of a connection answers. */
        public static final Answered GREETING = new Answered("GREETING", "", false, "");
    }

    /**
     * The message went by after DATA's 354 (not shown line by line).
     *
     * @param octets       what went on the wire: the message dot-stuffed, plus the final {@code .CRLF}
     * @param declaredSize the {@code SIZE=} announced in MAIL (RFC 1870), or -1 without one
     */
    record Content(long octets, long declaredSize) implements DialogueLine {}

    /** The line holding only "." that ends the data (RFC 5321 §4.1.1.4). */
    record FinalDot() implements DialogueLine {}

    /** The TCP connection is open. */
    record Connected(String address) implements DialogueLine {}

    /**
     * The TLS handshake is done.
     *
     * @param protocol e.g. {@code TLSv1.3}
     * @param cipher   the cipher suite
     * @param peer     the server certificate's subject, e.g. {@code CN=mx.exemple.com} (empty if unknown)
     * @param verified whether the client checked the certificate (false: opportunistic TLS, RFC 7435)
     */
    record TlsHandshake(String protocol, String cipher, String peer, boolean verified) implements DialogueLine {}

    /** From here on the dialogue is encrypted and starts afresh (RFC 3207 §4.2). */
    record TlsStarted() implements DialogueLine {}

    /** Any other event the client reported, shown as is. */
    record Event(String text) implements DialogueLine {}

    /**
     * A DNS lookup one of the servers made.
     *
     * @param name    the name asked
     * @param type    the record type, e.g. {@code MX}
     * @param status  {@code NOERROR}, {@code NXDOMAIN}, ...
     * @param answers the records' data in presentation form (empty for none)
     */
    record DnsLookup(String name, String type, String status, List<String> answers) implements DialogueLine {
        /** Copies the answers. */
        public DnsLookup {
            answers = List.copyOf(answers);
        }
    }

    /**
     * A copy stored in a mailbox.
     *
     * @param mailbox the recipient
     * @param file    the Maildir file name, under {@code new/}
     */
    record Delivered(String mailbox, String file) implements DialogueLine {}

    /**
     * A command Bob's POP3 client sent (RFC 1939 §3): a keyword, perhaps arguments.
     *
     * @param text    the line as sent, the password already masked by the client
     * @param keyword the command's keyword, upper case, e.g. {@code RETR}
     */
    record Pop3Command(String text, String keyword) implements DialogueLine {}

    /**
     * A POP3 status line, {@code +OK} or {@code -ERR} (RFC 1939 §3).
     *
     * @param text    the line as received
     * @param answers the keyword of the command it answers, or {@code GREETING} for the first line
     */
    record Pop3Status(String text, String answers) implements DialogueLine {
        /** Whether the server refused (RFC 1939 §3: {@code -ERR}). */
        public boolean refused() {
            return text.startsWith("-ERR");
        }
    }

    /**
     * One line of a multi-line POP3 answer (CAPA, UIDL, LIST), or the "." that ends it (RFC 1939 §3).
     *
     * @param text    the line as received
     * @param listing the keyword of the command whose answer it belongs to
     */
    record Pop3ListingLine(String text, String listing) implements DialogueLine {
        /** Whether this is the termination line holding only "." (RFC 1939 §3). */
        public boolean end() {
            return text.equals(".");
        }
    }

    /**
     * A message went by after RETR's {@code +OK} (not shown line by line).
     *
     * @param octets its size, byte-stuffing and the final "." removed
     */
    record Pop3Message(long octets) implements DialogueLine {}

    /**
     * TLS from the first byte of the POP3 connection, before the greeting (RFC 8314 §3: implicit TLS).
     *
     * @param protocol e.g. {@code TLSv1.3}
     * @param cipher   the cipher suite
     * @param peer     the server certificate's subject (empty if unknown)
     */
    record Pop3Tls(String protocol, String cipher, String peer) implements DialogueLine {}

    /** The POP3 client closed the connection after QUIT's answer (RFC 1939 §6). */
    record Pop3Closed() implements DialogueLine {}
}

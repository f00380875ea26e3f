package io.github.smtplab.core;

import java.util.List;
import java.util.Optional;

/**
 * The standard replies, named after their meaning, with the text of RFC 5321 §4.2.2 and the enhanced
 * status codes of RFC 3463. Handlers return these (or {@link Reply#withText} variants of them) instead
 * of writing reply literals.
 */
public final class Replies {

    private Replies() {}

    // 2yz — positive completion
    /** 211 System status, or system help reply. */
    public static final Reply SYSTEM_STATUS = Reply.of(211, "2.0.0", "System status");
    /** 214 Help message (§4.1.1.8). */
    public static final Reply HELP = Reply.of(214, "2.0.0", "smtplab: the commands are those of RFC 5321 section 4.1.1");
    /** 221 Service closing transmission channel (QUIT, §4.1.1.10). */
    public static final Reply CLOSING = Reply.of(221, "2.0.0", "Bye");
    /** 250 Requested mail action okay, completed. */
    public static final Reply OK = Reply.of(250, "2.0.0", "OK");
    /** 250 after MAIL (RFC 3463 X.1.0 "other address status"). */
    public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Sender OK");
    /** 250 after RCPT (RFC 3463 X.1.5 "destination address valid"). */
    public static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "Recipient OK");
    /** 250 after the end of data: the message is accepted (and, for a delivering server, stored). */
    public static final Reply MESSAGE_ACCEPTED = Reply.of(250, "2.0.0", "Message accepted");
    /** 252 Cannot VRFY user, but will accept message and attempt delivery (§3.5.3: the safe VRFY answer). */
    public static final Reply CANNOT_VERIFY = Reply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

    // 3yz — positive intermediate
    /** 354 Start mail input; end with {@code <CRLF>.<CRLF>} (§4.1.1.4). Carries no enhanced status (RFC 2034 §3). */
    public static final Reply START_MAIL_INPUT = Reply.of(354, null, "Start mail input; end with <CRLF>.<CRLF>");

    // 4yz — transient negative
    /** 421 Service not available, closing transmission channel. */
    public static final Reply SERVICE_NOT_AVAILABLE = Reply.of(421, "4.3.2", "Service not available, closing transmission channel");
    /** 421 on timeout (§4.5.3.2; RFC 3463 X.4.2 "bad connection"). */
    public static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Timeout, closing transmission channel");
    /** 451 Requested action aborted: local error in processing. */
    public static final Reply LOCAL_ERROR = Reply.of(451, "4.3.0", "Requested action aborted: local error in processing");
    /** 452 Too many recipients (§4.5.3.1.10; RFC 3463 X.5.3). */
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");
    /** 452 Insufficient system storage. */
    public static final Reply INSUFFICIENT_STORAGE = Reply.of(452, "4.3.1", "Insufficient system storage");

    // 5yz — permanent negative
    /** 500 Syntax error, command unrecognized (§4.2.2). */
    public static final Reply COMMAND_UNRECOGNIZED = Reply.of(500, "5.5.1", "Syntax error, command unrecognized");
    /**
     * 500 Line too long (§4.5.3.1.4: 512 octets for a command line, more with some extensions;
     * RFC 3463 X.5.2 "syntax error" — X.5.6 is AUTH's own "line too long", RFC 4954).
     */
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Syntax error, line too long (RFC 5321 section 4.5.3.1.4)");
    /** 500 An AUTH exchange line over the server's buffer (RFC 4954 §4; RFC 3463 X.5.6, registered by RFC 4954 §6). */
    public static final Reply AUTH_LINE_TOO_LONG = Reply.of(500, "5.5.6", "Authentication exchange line is too long (RFC 4954 section 4)");
    /** 500 A command line ended with a bare LF (§2.3.8: lines end with CRLF only). */
    public static final Reply BARE_LF_IN_COMMAND = Reply.of(500, "5.5.2", "Syntax error, command line must end with CRLF (RFC 5321 section 2.3.8)");
    /** 501 Syntax error in parameters or arguments. */
    public static final Reply SYNTAX_ERROR_IN_PARAMETERS = Reply.of(501, "5.5.4", "Syntax error in parameters or arguments");
    /** 502 Command not implemented. */
    public static final Reply COMMAND_NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    /** 503 Bad sequence of commands (§4.1.4). */
    public static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Bad sequence of commands");
    /** 504 Command parameter not implemented. */
    public static final Reply PARAMETER_NOT_IMPLEMENTED = Reply.of(504, "5.5.4", "Command parameter not implemented");
    /** 521 Bare CR or LF in the message data: refused and closed, so no message can be smuggled (§2.3.8). */
    public static final Reply BARE_LINE_ENDING_IN_DATA = Reply.of(521, "5.5.2",
            "Bare CR or LF in message data refused (RFC 5321 section 2.3.8); closing connection");
    /** 550 Relay access denied: the recipient's domain is not ours and the client may not relay. */
    public static final Reply RELAY_DENIED = Reply.of(550, "5.7.1", "Relay access denied");
    /** 550 Mailbox unavailable (RFC 3463 X.1.1 "bad destination mailbox address"). */
    public static final Reply NO_SUCH_USER = Reply.of(550, "5.1.1", "Mailbox unavailable");
    /** 552 Message size exceeds fixed maximum message size (RFC 1870 §6; RFC 3463 X.3.4). */
    public static final Reply MESSAGE_TOO_BIG = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /** 554 Transaction failed: a text line longer than §4.5.3.1.6 allows (RFC 3463 X.6.0). */
    public static final Reply DATA_LINE_TOO_LONG = Reply.of(554, "5.6.0",
            "Transaction failed: a line is longer than 1000 octets (RFC 5321 section 4.5.3.1.6)");
    /** 554 No valid recipients (§3.3: DATA after every RCPT failed). */
    public static final Reply NO_VALID_RECIPIENTS = Reply.of(554, "5.5.1", "No valid recipients");
    /** 555 MAIL FROM/RCPT TO parameters not recognized or not implemented (§4.1.1.11). */
    public static final Reply PARAMETER_NOT_RECOGNIZED = Reply.of(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented");

    // the ordering rules of §4.1.4 (and RFC 3030 §2 for BDAT): 503, with the rule in the text
    /** 503 after a refused greeting: only QUIT is accepted (§3.1). */
    public static final Reply ONLY_QUIT_AFTER_REFUSAL = BAD_SEQUENCE.withText("Connection refused; only QUIT is accepted (RFC 5321 section 3.1)");
    /** 503 MAIL before EHLO or HELO (§4.1.4). */
    public static final Reply HELLO_FIRST = BAD_SEQUENCE.withText("Send EHLO or HELO first (RFC 5321 section 4.1.4)");
    /** 503 MAIL inside a transaction (§4.1.4). */
    public static final Reply SENDER_ALREADY_GIVEN = BAD_SEQUENCE.withText("Sender already given; RSET to start over (RFC 5321 section 4.1.4)");
    /** 503 RCPT before MAIL (§4.1.4). */
    public static final Reply MAIL_BEFORE_RCPT = BAD_SEQUENCE.withText("Need MAIL before RCPT (RFC 5321 section 4.1.4)");
    /** 503 RCPT once BDAT has started the content (RFC 3030 §2). */
    public static final Reply RCPT_AFTER_BDAT = BAD_SEQUENCE.withText("RCPT after BDAT; the recipients are settled (RFC 3030 section 2)");
    /** 503 DATA before MAIL (§4.1.4). */
    public static final Reply MAIL_BEFORE_DATA = BAD_SEQUENCE.withText("Need MAIL and RCPT before DATA (RFC 5321 section 4.1.4)");
    /** 503 DATA in a transaction that BDAT started (RFC 3030 §2). */
    public static final Reply DATA_AFTER_BDAT = BAD_SEQUENCE.withText("DATA after BDAT in one transaction (RFC 3030 section 2)");
    /** 503 BDAT before MAIL (RFC 3030 §2). */
    public static final Reply MAIL_BEFORE_BDAT = BAD_SEQUENCE.withText("Need MAIL and RCPT before BDAT (RFC 3030 section 2)");

    // commands this engine does not do by itself
    /** 502 EXPN: disabled, it would reveal lists (§7.3). */
    public static final Reply EXPN_DISABLED = COMMAND_NOT_IMPLEMENTED.withText("EXPN is disabled (RFC 5321 section 7.3)");
    /** 502 STARTTLS without the smtp-tls extension. */
    public static final Reply STARTTLS_NOT_OFFERED = COMMAND_NOT_IMPLEMENTED.withText("STARTTLS is not offered here");
    /** 502 AUTH without the smtp-auth extension. */
    public static final Reply AUTH_NOT_OFFERED = COMMAND_NOT_IMPLEMENTED.withText("AUTH is not offered here");
    /** 502 BDAT when CHUNKING is not offered, or after HELO (RFC 3030 §2). */
    public static final Reply BDAT_NOT_OFFERED = COMMAND_NOT_IMPLEMENTED.withText("BDAT needs CHUNKING, offered only after EHLO (RFC 3030)");
    /** 500 An empty command line. */
    public static final Reply EMPTY_COMMAND = COMMAND_UNRECOGNIZED.withText("Syntax error, empty command");

    // RFC 6531 §3.4: a UTF-8 address needs SMTPUTF8 (RFC 3463 X.6.7, registered by RFC 6531)
    /** 553 A UTF-8 sender without SMTPUTF8 on MAIL. */
    public static final Reply SENDER_NEEDS_SMTPUTF8 = Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 (RFC 6531 section 3.4)");
    /** 553 A UTF-8 recipient in a transaction whose MAIL had no SMTPUTF8. */
    public static final Reply RECIPIENT_NEEDS_SMTPUTF8 = Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 on MAIL (RFC 6531 section 3.4)");

    // replies that carry the server's name or a count
    /** 220 The greeting (§4.3.1). */
    public static Reply greeting(String hostname) {
        return Reply.of(220, null, hostname + " ESMTP smtplab");
    }

    /**
     * 250 to EHLO or HELO (§4.1.1.1): the greeting line, then for EHLO one extension keyword a line. No
     * enhanced status: the client has not yet seen ENHANCEDSTATUSCODES offered (RFC 2034 §3).
     */
    public static Reply hello(List<String> lines) {
        return new Reply(250, Optional.empty(), lines);
    }

    /** 421 The server is shutting down (§3.8). */
    public static Reply shuttingDown(String hostname) {
        return Reply.of(421, "4.3.2", hostname + " Service shutting down, closing transmission channel");
    }

    /** 421 The client made too many mistakes (RFC 3463 X.7.0). */
    public static Reply tooManyErrors(String hostname) {
        return Reply.of(421, "4.7.0", hostname + " Too many errors, closing transmission channel");
    }

    /** 421 The server or the client's address has too many connections already. */
    public static Reply tooManyConnections(String hostname) {
        return Reply.of(421, null, hostname + " Too many connections, try again later");
    }

    /** 250 A BDAT chunk that is not the last was received (RFC 3030 §2). */
    public static Reply chunkReceived(long octetsSoFar) {
        return Reply.of(250, "2.0.0", octetsSoFar + " octets received");
    }
}

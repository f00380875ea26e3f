package io.github.smtplab.core.net;

import io.github.smtplab.core.ClientSession;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits for each server reply, as deadlines: the whole reply must have arrived when
 * its time is up, however the server spreads its bytes (a server that drips one octet every few seconds
 * is stopped as surely as a silent one). RFC 5321 §4.5.3.2 gives the values a client should use:
 *
 * <table>
 *   <caption>Client deadlines</caption>
 *   <tr><th>wait</th><th>RFC 5321</th><th>value</th></tr>
 *   <tr><td>the 220 greeting</td><td>§4.5.3.2.1</td><td>5 minutes</td></tr>
 *   <tr><td>the reply to MAIL</td><td>§4.5.3.2.2</td><td>5 minutes</td></tr>
 *   <tr><td>the reply to each RCPT</td><td>§4.5.3.2.3</td><td>5 minutes</td></tr>
 *   <tr><td>the reply to DATA (354)</td><td>§4.5.3.2.4</td><td>2 minutes</td></tr>
 *   <tr><td>each write of message data</td><td>§4.5.3.2.5</td><td>3 minutes</td></tr>
 *   <tr><td>the reply after the final dot</td><td>§4.5.3.2.6</td><td>10 minutes</td></tr>
 *   <tr><td>EHLO, HELO, STARTTLS, AUTH, RSET, QUIT</td><td>no value given</td><td>5 minutes, as for MAIL</td></tr>
 * </table>
 *
 * <p>Each reply's deadline starts when the previous reply was complete (or when the first command of
 * a group was written): in a pipelined group (RFC 2920) every reply gets its own full time.
 *
 * @param greeting        the 220 greeting
 * @param mail            the reply to MAIL
 * @param rcpt            the reply to one RCPT
 * @param dataInitiation  the reply to DATA
 * @param dataBlock       one write of commands or message data to the socket
 * @param dataTermination the reply after the final dot: the server may be delivering the message
 * @param other           the replies to EHLO, HELO, STARTTLS, AUTH, RSET and QUIT
 */
public record ReplyDeadlines(Duration greeting, Duration mail, Duration rcpt, Duration dataInitiation,
                             Duration dataBlock, Duration dataTermination, Duration other) {

    public ReplyDeadlines {
        for (Duration d : new Duration[] {greeting, mail, rcpt, dataInitiation, dataBlock, dataTermination, other}) {
            if (Objects.requireNonNull(d, "deadline").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a deadline is positive: " + d);
            }
        }
    }

    /** The values of RFC 5321 §4.5.3.2 (see the table above). */
    public static ReplyDeadlines rfc5321() {
        return new ReplyDeadlines(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2),
                Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    /** One value for every wait (a command line's {@code --timeout}). */
    public static ReplyDeadlines all(Duration each) {
        return new ReplyDeadlines(each, each, each, each, each, each, each);
    }

    /** The same deadlines with another one for each write of data (§4.5.3.2.5). */
    public ReplyDeadlines withDataBlock(Duration newDataBlock) {
        return new ReplyDeadlines(greeting, mail, rcpt, dataInitiation, newDataBlock, dataTermination, other);
    }

    /** The deadline for the reply to {@code awaiting}. */
    public Duration forReply(ClientSession.Awaiting awaiting) {
        return switch (awaiting) {
            case GREETING -> greeting;
            case MAIL -> mail;
            case RCPT -> rcpt;
            case DATA -> dataInitiation;
            case END_OF_DATA -> dataTermination;
            case EHLO, HELO, STARTTLS, AUTH, RSET, QUIT -> other;
        };
    }

    /** The RFC section a wait comes from, for error messages (US-ASCII: "RFC 5321 section 4.5.3.2.2"). */
    static String basis(ClientSession.Awaiting awaiting) {
        return switch (awaiting) {
            case GREETING -> "RFC 5321 section 4.5.3.2.1";
            case MAIL -> "RFC 5321 section 4.5.3.2.2";
            case RCPT -> "RFC 5321 section 4.5.3.2.3";
            case DATA -> "RFC 5321 section 4.5.3.2.4";
            case END_OF_DATA -> "RFC 5321 section 4.5.3.2.6";
            case EHLO, HELO, STARTTLS, AUTH, RSET, QUIT -> "RFC 5321 section 4.5.3.2";
        };
    }
}

/**
 * Exercise 23: what a server does when it reads STARTTLS, without sockets (RFC 3207 sections 4 and 4.2;
 * the defence against CVE-2011-0411, commands injected in the clear before the TLS handshake).
 */
final class StartTlsUpgrade {

    private StartTlsUpgrade() {}

    /**
     * What the server knows about the session.
     *
     * @param ehloDomain the argument of the client's EHLO, or {@code null} before any EHLO
     * @param tls        whether the connection is inside TLS
     */
    record Session(String ehloDomain, boolean tls) {}

    /**
     * What the server does.
     *
     * @param reply     the reply line to send, without its CRLF
     * @param discarded the buffered bytes thrown away, never answered
     * @param remaining the buffered bytes still to read as commands, after the reply
     * @param next      the session after the reply (and after the handshake, when the reply is 220)
     */
    record Outcome(String reply, byte[] discarded, byte[] remaining, Session next) {}

    /**
     * The outcome of the command line at the start of {@code buffered}, a {@code STARTTLS} line ending with
     * CRLF; the bytes after that CRLF are what the client sent behind it, already in the server's buffer.
     */
    static Outcome startTls(Session session, byte[] buffered) {
        throw new UnsupportedOperationException("exercise 23: write startTls()");
    }
}

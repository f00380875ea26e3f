package io.github.smtplab.pop3;

/**
 * Sees a POP3 dialogue as the {@link Pop3Client} lives it: what it sends (passwords already masked), what
 * it reads, message content as a size, and events such as the TLS handshake. {@code --transcript} and
 * the demo's annotated dialogue are built on it.
 */
public interface Pop3Transcript {

    /** A listener that ignores everything. */
    Pop3Transcript NONE = new Pop3Transcript() {};

    /** A line the client sent, without CRLF; a password or its SASL encoding shows as {@code ****}. */
    default void clientLine(String line) {}

    /** A status line, continuation or listing line the server sent, without CRLF. */
    default void serverLine(String line) {}

    /** A message (RETR, TOP) went by: its size in octets, byte-stuffing removed. */
    default void messageContent(long octets) {}

    /** Something that is not a line: a TLS handshake, the connection closing. */
    default void event(String description) {}
}

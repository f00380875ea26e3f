package io.github.smtplab.core;

/**
 * Sees every line of a dialogue as it passes: the one place transcripts come from ({@code --transcript},
 * the lab's annotated transcripts, logs). Both engines (server and client) call it.
 */
public interface TranscriptListener {

    /** A listener that ignores everything. */
    TranscriptListener NONE = new TranscriptListener() {};

    /** A command or exchange line the client sent (as text, without CRLF). */
    default void clientLine(String line) {}

    /** A reply the server sent. */
    default void serverReply(Reply reply) {}

    /** Message content went by (not shown line by line): its size in octets. */
    default void messageContent(long octets) {}

    /** Something happened that is not a line: a TLS handshake, a timeout, a closed connection. */
    default void event(String description) {}
}

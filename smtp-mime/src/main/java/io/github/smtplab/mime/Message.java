package io.github.smtplab.mime;

/**
 * The entry points for Internet messages: {@link #builder()} to compose one, {@link #parse(byte[])} to
 * take one apart.
 *
 * <pre>{@code
 * ComposedMessage m = Message.builder()
 *         .from("Alice <alice@monentreprise.fr>")
 *         .to("Bob <bob@exemple.com>")
 *         .subject("Réunion demain")
 *         .text("À demain !")
 *         .build();
 * ParsedMessage p = Message.parse(m.bytes());
 * }</pre>
 */
public final class Message {

    private Message() {}

    /** A new, empty builder. */
    public static MessageBuilder builder() {
        return new MessageBuilder();
    }

    /** Parses message octets with the default limits; see {@link MessageParser}. */
    public static ParsedMessage parse(byte[] message) {
        return MessageParser.parse(message);
    }
}

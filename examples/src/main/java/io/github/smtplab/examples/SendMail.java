package io.github.smtplab.examples;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.Message;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Sends one message with smtp-core's client (RFC 5321): EHLO, MAIL, one RCPT per recipient and DATA,
 * pipelined when the server offers PIPELINING (RFC 2920), then prints each recipient's reply.
 *
 * <p>{@code SendMail HOST:PORT}, for example against {@code ./smtplab serve --listen 127.0.0.1:2525 --domain exemple.com --catch-all}.
 */
public final class SendMail {

    private SendMail() {}

    public static void main(String[] args) throws Exception {
        String[] server = (args.length > 0 ? args[0] : "127.0.0.1:2525").split(":");
        ComposedMessage message = Message.builder()
                .from("Alice <alice@monentreprise.fr>").to("Bob <bob@exemple.com>")
                .subject("Réunion demain").text("À demain, 10 h.\n").build();

        SmtpClient.Options options = SmtpClient.Options.defaults("laptop.monentreprise.fr");
        try (SmtpClient client = SmtpClient.connect(new InetSocketAddress(server[0], Integer.parseInt(server[1])), options)) {
            TransactionResult result = client.send(Mailbox.parse("alice@monentreprise.fr"),
                    List.of(Mailbox.parse("bob@exemple.com")), message.bytes());
            result.recipients().forEach(r -> System.out.println(r.recipient() + ": " + r.reply()));
            System.out.println(result.delivered() ? "delivered" : "not delivered");
        }
    }
}

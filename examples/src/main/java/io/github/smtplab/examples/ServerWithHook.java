package io.github.smtplab.examples;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Runs smtp-core's server with a hook of its own: it takes mail for a few known mailboxes only and refuses
 * the others with {@code 550 5.1.1} (RFC 5321 section 4.2.2, RFC 3463 "bad destination mailbox"), keeping
 * accepted messages in memory. Then a client sends to one known and one unknown recipient, and the
 * program prints what each got and what the server stored.
 */
public final class ServerWithHook {

    private ServerWithHook() {}

    static final Set<String> MAILBOXES = Set.of("bob@exemple.com", "charlie@exemple.com");
    static final Reply NO_SUCH_USER = Reply.of(550, "5.1.1", "No such user here");

    /** The hook: every method has an accepting default, so only what differs is written. */
    static final class KnownMailboxesOnly implements ServerHooks {
        final InMemoryDelivery store = new InMemoryDelivery("mx.exemple.com");

        @Override
        public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
            boolean known = recipient instanceof Mailbox m && MAILBOXES.contains(m.localPart() + "@" + m.domainLowerCase());
            return known ? Replies.RECIPIENT_OK : NO_SUCH_USER;
        }

        @Override
        public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
            return store.onData(envelope, session);
        }
    }

    public static void main(String[] args) throws Exception {
        KnownMailboxesOnly hooks = new KnownMailboxesOnly();
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
                .listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks).start()) {
            System.out.println("listening on " + server.address());

            byte[] message = "Subject: test\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);
            try (SmtpClient client = SmtpClient.connect(server.address(), SmtpClient.Options.defaults("client.example"))) {
                TransactionResult result = client.send(Mailbox.parse("alice@monentreprise.fr"),
                        List.of(Mailbox.parse("bob@exemple.com"), Mailbox.parse("eve@exemple.com")), message);
                result.recipients().forEach(r -> System.out.println(r.recipient() + ": " + r.reply()));
            }
            hooks.store.messages().forEach(m -> System.out.println("stored for "
                    + m.envelope().recipients().stream().map(r -> r.path().toPathString()).toList()));
        }
    }
}

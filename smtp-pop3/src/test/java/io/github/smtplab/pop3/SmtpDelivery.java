package io.github.smtplab.pop3;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Mail delivered the real way: an smtp-core MX writing with MaildirDelivery, fed by smtp-core's client. */
final class SmtpDelivery {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");

    private SmtpDelivery() {}

    /** Delivers each message to bob@exemple.com under {@code root}; returns the new Maildir files in delivery order. */
    static List<Path> deliverToBob(Path root, byte[]... messages) throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        List<Path> delivered = new java.util.ArrayList<>();
        try (SmtpServer mx = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), maildir, Optional.empty(), s -> false)).start();
             SmtpClient client = SmtpClient.connect(mx.address(), SmtpClient.Options.defaults("laptop.monentreprise.fr"))) {
            for (byte[] message : messages) {
                TransactionResult result = client.send(ALICE, List.of(BOB), message);
                if (!result.allAccepted()) {
                    throw new IllegalStateException("not delivered: " + result);
                }
                maildir.newMessages(BOB).stream().filter(p -> !delivered.contains(p)).forEach(delivered::add);
            }
        }
        return List.copyOf(delivered);
    }
}

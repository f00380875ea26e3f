package io.github.smtplab.lab.learn;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.net.SmtpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;

/** {@code learn try 03}: the learner's {@code DotStuffer.stuff()} writes the DATA of a send to smtplab's server. */
final class TryDotStuffing implements TryCommand.Scenario {

    /** Lines that start with a period: the ones dot-stuffing is for. */
    static final String MESSAGE = String.join("\r\n",
            "From: Alice <alice@monentreprise.fr>",
            "To: Bob <bob@exemple.com>",
            "Subject: Ordre du jour",
            "",
            ".NET et Java : le point de demain.",
            "Un point seul sur sa ligne :",
            ".",
            "..et deux points.",
            "Alice");

    @Override
    public boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception {
        String data = (String) code.call("DotStuffer", "stuff", new Class<?>[] {String.class}, MESSAGE);
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        ServerHooks hooks = new ServerHooks() {
            @Override
            public MessageSink onData(Envelope envelope, SessionView session) {
                return delivery.onData(envelope, session);
            }
        };
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
                .listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks)
                .idleTimeout(Duration.ofSeconds(10)).shutdownGrace(Duration.ofSeconds(1)).start();
             WireDialogue wire = new WireDialogue(server.address(), out)) {
            out.println(say.t("smtplab's server listens on ", "le serveur de smtplab écoute sur ") + server.address().getHostString() + ":" + server.address().getPort()
                    + say.t("; the DATA below is what your stuff() returned.", " ; le DATA ci-dessous est ce qu'a rendu votre stuff()."));
            wire.reply("");
            wire.send("EHLO client.monentreprise.fr", "");
            wire.reply("");
            wire.send("MAIL FROM:<alice@monentreprise.fr>", "");
            wire.reply("");
            wire.send("RCPT TO:<bob@exemple.com>", "");
            wire.reply("");
            wire.send("DATA", "");
            wire.reply("");
            wire.sendRaw(data, say.t("<- your stuff()", "<- votre stuff()"));
            int code250 = wire.reply(say.t("<- the server found your end of data", "<- le serveur a trouvé votre fin de données"));
            if (code250 == 250) {
                wire.send("QUIT", "");
                wire.reply("");
            }
            if (code250 != 250 || delivery.messages().isEmpty()) {
                return false;
            }
            String stored = delivery.messages().get(0).text();
            boolean same = stored.endsWith(MESSAGE + "\r\n");
            out.println(same ? say.t("The mailbox holds the message exactly as Alice wrote it (periods included).",
                            "La boîte aux lettres contient le message tel qu'Alice l'a écrit (points compris).")
                    : say.t("The mailbox holds a different message:", "La boîte aux lettres contient un autre message :") + "\n" + stored);
            return same;
        }
    }
}

package io.github.smtplab.lab.learn;

import io.github.smtplab.auth.sasl.AuthExtension;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.net.SmtpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/** {@code learn try 07}: AUTH LOGIN against smtplab's server, every base64 step done by the learner's code. */
final class TryBase64 implements TryCommand.Scenario {

    @Override
    public boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception {
        UsersFile users = UsersFile.empty().with(UserCredentials.create("alice@monentreprise.fr", "s3cret", 4096, false));
        AuthPolicy inClear = AuthPolicy.submission()
                .withMechanisms(EnumSet.of(Mechanism.LOGIN, Mechanism.PLAIN), EnumSet.of(Mechanism.LOGIN, Mechanism.PLAIN))
                .withRequireTls(false);
        AuthExtension auth = new AuthExtension(users, inClear, "submit.monentreprise.fr", d -> { }, Instant::now);
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("submit.monentreprise.fr").withServerExtensions(List.of(auth)))
                .listen(new InetSocketAddress("127.0.0.1", 0)).idleTimeout(Duration.ofSeconds(10)).shutdownGrace(Duration.ofSeconds(1)).start();
             WireDialogue wire = new WireDialogue(server.address(), out)) {
            out.println(say.t("A submission server on ", "Un serveur de soumission sur ") + server.address().getHostString() + ":" + server.address().getPort()
                    + say.t(" (loopback, so AUTH without TLS is allowed here); user alice@monentreprise.fr, password s3cret.",
                            " (boucle locale : AUTH sans TLS est permis ici) ; utilisateur alice@monentreprise.fr, mot de passe s3cret."));
            wire.reply("");
            wire.send("EHLO client.monentreprise.fr", "");
            wire.reply("");
            wire.send("AUTH LOGIN", "");
            if (wire.reply("") != 334) {
                return false;
            }
            String user = encode(code, "alice@monentreprise.fr");
            wire.send(user, say.t("<- your encode(\"alice@monentreprise.fr\"); your decode of the challenge: ",
                    "<- votre encode(\"alice@monentreprise.fr\") ; votre décodage du défi : ") + decode(code, wire.lastText()));
            if (wire.reply("") != 334) {
                return false;
            }
            String password = encode(code, "s3cret");
            wire.send(password, say.t("<- your encode(\"s3cret\"); challenge decoded: ", "<- votre encode(\"s3cret\") ; défi décodé : ")
                    + decode(code, wire.lastText()));
            int verdict = wire.reply(say.t("<- 235: the server decoded your base64 to the right password",
                    "<- 235 : le serveur a décodé votre base64 en le bon mot de passe"));
            wire.send("QUIT", "");
            wire.reply("");
            return verdict == 235;
        }
    }

    private static String encode(LearnerCode code, String text) throws Exception {
        return (String) code.call("Base64ByHand", "encode", new Class<?>[] {byte[].class}, (Object) text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(LearnerCode code, String base64) throws Exception {
        try {
            return "\"" + new String((byte[]) code.call("Base64ByHand", "decode", new Class<?>[] {String.class}, base64), StandardCharsets.UTF_8) + "\"";
        } catch (IllegalArgumentException refused) {
            return "(" + refused.getMessage() + ")";
        }
    }
}

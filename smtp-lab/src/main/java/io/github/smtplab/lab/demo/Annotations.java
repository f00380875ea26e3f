package io.github.smtplab.lab.demo;

import io.github.smtplab.core.Reply;
import java.util.Locale;
import java.util.Map;

/**
 * One-line explanations of what travels in a dialogue, each with the RFC section that defines it, in
 * English or French (the seed scenario is French). Keys are command verbs and reply codes.
 */
final class Annotations {

    private record Text(String en, String fr) {
        String in(String lang) {
            return lang.equals("fr") ? fr : en;
        }
    }

    private static final Map<String, Text> COMMANDS = Map.ofEntries(
            Map.entry("EHLO", new Text("the client introduces itself and asks for the extensions (RFC 5321 §4.1.1.1)",
                    "le client se présente et demande les extensions (RFC 5321 §4.1.1.1)")),
            Map.entry("HELO", new Text("the client introduces itself, without extensions (RFC 5321 §4.1.1.1)",
                    "le client se présente, sans extensions (RFC 5321 §4.1.1.1)")),
            Map.entry("MAIL", new Text("the envelope sender: where failures will be reported (RFC 5321 §4.1.1.2)",
                    "l'expéditeur de l'enveloppe : à qui signaler les échecs (RFC 5321 §4.1.1.2)")),
            Map.entry("RCPT", new Text("one recipient of the envelope (RFC 5321 §4.1.1.3); Bcc recipients exist only here",
                    "un destinataire de l'enveloppe (RFC 5321 §4.1.1.3) ; les Cci n'existent qu'ici")),
            Map.entry("DATA", new Text("the message follows, ended by a line holding only \".\" (RFC 5321 §4.1.1.4)",
                    "le message suit, terminé par une ligne « . » seule (RFC 5321 §4.1.1.4)")),
            Map.entry("STARTTLS", new Text("switch this connection to TLS (RFC 3207 §4)", "passer cette connexion en TLS (RFC 3207 §4)")),
            Map.entry("AUTH", new Text("authenticate with a SASL mechanism (RFC 4954 §4)", "s'authentifier par un mécanisme SASL (RFC 4954 §4)")),
            Map.entry("QUIT", new Text("end of the session (RFC 5321 §4.1.1.10)", "fin de la session (RFC 5321 §4.1.1.10)")),
            Map.entry("RSET", new Text("abandon the transaction (RFC 5321 §4.1.1.5)", "abandon de la transaction (RFC 5321 §4.1.1.5)")));

    private static final Map<String, Text> REPLIES = Map.ofEntries(
            Map.entry("220", new Text("greeting: the server is ready (RFC 5321 §4.2, §3.1)", "accueil : le serveur est prêt (RFC 5321 §4.2, §3.1)")),
            Map.entry("221", new Text("the server closes the connection (RFC 5321 §4.2.2)", "le serveur ferme la connexion (RFC 5321 §4.2.2)")),
            Map.entry("235", new Text("authentication succeeded (RFC 4954 §6)", "authentification réussie (RFC 4954 §6)")),
            Map.entry("250", new Text("OK (RFC 5321 §4.2.2)", "OK (RFC 5321 §4.2.2)")),
            Map.entry("334", new Text("a SASL challenge, in base64 (RFC 4954 §4)", "un défi SASL, en base64 (RFC 4954 §4)")),
            Map.entry("354", new Text("send the message now (RFC 5321 §4.2.2)", "envoyez le message (RFC 5321 §4.2.2)")),
            Map.entry("4", new Text("a temporary failure: try again later (RFC 5321 §4.2.1)", "un échec temporaire : réessayer plus tard (RFC 5321 §4.2.1)")),
            Map.entry("5", new Text("a permanent failure (RFC 5321 §4.2.1)", "un échec définitif (RFC 5321 §4.2.1)")));

    private Annotations() {}

    /** The explanation of a client line, by its verb; empty when there is none. */
    static String forCommand(String line, String lang) {
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        Text t = COMMANDS.get(verb);
        return t == null ? "" : t.in(lang);
    }

    /** The explanation of a reply, by its code or its class. */
    static String forReply(Reply reply, String lang) {
        Text t = REPLIES.get(String.valueOf(reply.code()));
        if (t == null) {
            t = REPLIES.get(String.valueOf(reply.code() / 100));
        }
        return t == null ? "" : t.in(lang);
    }

    /** The sentence for a step of the demo, already in the right language. */
    static String say(String lang, String en, String fr) {
        return lang.equals("fr") ? fr : en;
    }
}

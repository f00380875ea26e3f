package io.github.smtplab.lab.demo;

import java.util.Locale;
import java.util.Map;

/**
 * One-line explanations of a POP3 dialogue (demo step 7), each with its RFC section, in English or
 * French: for each command the client sends, for the server's answer to it, and for the capabilities
 * that CAPA lists.
 */
final class Pop3Annotations {

    private record Text(String en, String fr) {
        String in(String lang) {
            return lang.equals("fr") ? fr : en;
        }
    }

    private static final Map<String, Text> COMMANDS = Map.ofEntries(
            Map.entry("CAPA", new Text("what can this server do? (RFC 2449 §5)", "que sait faire ce serveur ? (RFC 2449 §5)")),
            Map.entry("STLS", new Text("switch to TLS (RFC 2595 §4)", "passer en TLS (RFC 2595 §4)")),
            Map.entry("USER", new Text("the user name (RFC 1939 §7)", "le nom d'utilisateur (RFC 1939 §7)")),
            Map.entry("PASS", new Text("the password, masked here: only TLS protects it on the wire (RFC 1939 §7, RFC 8314)",
                    "le mot de passe, masqué ici : seul TLS le protège sur le réseau (RFC 1939 §7, RFC 8314)")),
            Map.entry("AUTH", new Text("authenticate with a SASL mechanism (RFC 5034 §4)", "s'authentifier par un mécanisme SASL (RFC 5034 §4)")),
            Map.entry("STAT", new Text("how many messages, how many octets? (RFC 1939 §5)", "combien de messages, combien d'octets ? (RFC 1939 §5)")),
            Map.entry("LIST", new Text("the size of each message (RFC 1939 §5)", "la taille de chaque message (RFC 1939 §5)")),
            Map.entry("UIDL", new Text("each message's unique-id, stable across sessions (RFC 1939 §7)",
                    "l'identifiant unique de chaque message, stable d'une session à l'autre (RFC 1939 §7)")),
            Map.entry("RETR", new Text("send me message 1, whole (RFC 1939 §5)", "envoie-moi le message 1, en entier (RFC 1939 §5)")),
            Map.entry("DELE", new Text("mark a message deleted; it goes only at QUIT (RFC 1939 §5)",
                    "marquer un message supprimé ; il ne part qu'au QUIT (RFC 1939 §5)")),
            Map.entry("QUIT", new Text("end: the server enters UPDATE and applies deletions and \"seen\" (RFC 1939 §6)",
                    "fin : le serveur passe en UPDATE et applique suppressions et « lu » (RFC 1939 §6)")));

    private static final Map<String, Text> ANSWERS = Map.ofEntries(
            Map.entry("", new Text("greeting: AUTHORIZATION state, after TLS from the first byte (RFC 1939 §4, RFC 8314 §3)",
                    "accueil : état AUTHORIZATION, après TLS dès le premier octet (RFC 1939 §4, RFC 8314 §3)")),
            Map.entry("CAPA", new Text("the list follows, one capability a line, up to \".\" (RFC 2449 §5)",
                    "la liste suit, une capacité par ligne, jusqu'à « . » (RFC 2449 §5)")),
            Map.entry("USER", new Text("name noted, now the password (RFC 1939 §7)", "nom noté, maintenant le mot de passe (RFC 1939 §7)")),
            Map.entry("PASS", new Text("logged in: the maildrop is locked for this session, TRANSACTION state (RFC 1939 §4)",
                    "connecté : la boîte est verrouillée pour cette session, état TRANSACTION (RFC 1939 §4)")),
            Map.entry("AUTH", new Text("logged in: TRANSACTION state (RFC 5034 §4)", "connecté : état TRANSACTION (RFC 5034 §4)")),
            Map.entry("STAT", new Text("count and total size, in octets with CRLF line ends (RFC 1939 §5, §11)",
                    "nombre et taille totale, en octets avec fins de ligne CRLF (RFC 1939 §5, §11)")),
            Map.entry("LIST", new Text("number and size of each message, up to \".\" (RFC 1939 §5)",
                    "numéro et taille de chaque message, jusqu'à « . » (RFC 1939 §5)")),
            Map.entry("UIDL", new Text("number and unique-id: here the Maildir file name (RFC 1939 §7)",
                    "numéro et identifiant unique : ici le nom du fichier Maildir (RFC 1939 §7)")),
            Map.entry("RETR", new Text("the message follows, byte-stuffed like SMTP's DATA, up to \".\" (RFC 1939 §3, §5)",
                    "le message suit, points doublés comme pour DATA en SMTP, jusqu'à « . » (RFC 1939 §3, §5)")),
            Map.entry("DELE", new Text("marked, not yet deleted (RFC 1939 §5)", "marqué, pas encore supprimé (RFC 1939 §5)")),
            Map.entry("QUIT", new Text("UPDATE done, connection closed (RFC 1939 §6)", "UPDATE fait, connexion fermée (RFC 1939 §6)")));

    private static final Map<String, Text> CAPABILITIES = Map.ofEntries(
            Map.entry("TOP", new Text("header and first body lines of a message (RFC 2449 §6.1)", "en-tête et premières lignes d'un message (RFC 2449 §6.1)")),
            Map.entry("UIDL", new Text("unique-ids (RFC 2449 §6.8)", "identifiants uniques (RFC 2449 §6.8)")),
            Map.entry("RESP-CODES", new Text("errors carry codes in brackets, e.g. [IN-USE] (RFC 2449 §6.4)",
                    "les erreurs portent des codes entre crochets, p. ex. [IN-USE] (RFC 2449 §6.4)")),
            Map.entry("AUTH-RESP-CODE", new Text("a refused login says [AUTH] or [SYS/TEMP] (RFC 3206 §6)",
                    "un refus de connexion dit [AUTH] ou [SYS/TEMP] (RFC 3206 §6)")),
            Map.entry("PIPELINING", new Text("several commands may be sent at once (RFC 2449 §6.6)", "plusieurs commandes peuvent partir d'un coup (RFC 2449 §6.6)")),
            Map.entry("USER", new Text("USER/PASS accepted: we are inside TLS (RFC 2449 §6.2)", "USER/PASS accepté : nous sommes sous TLS (RFC 2449 §6.2)")),
            Map.entry("SASL", new Text("SASL mechanisms for AUTH; SCRAM never sends the password (RFC 2449 §6.3)",
                    "mécanismes SASL pour AUTH ; SCRAM n'envoie jamais le mot de passe (RFC 2449 §6.3)")),
            Map.entry("STLS", new Text("TLS can be started (RFC 2595 §4)", "TLS peut être démarré (RFC 2595 §4)")),
            Map.entry("IMPLEMENTATION", new Text("the server's software (RFC 2449 §6.9)", "le logiciel du serveur (RFC 2449 §6.9)")));

    private Pop3Annotations() {}

    /** The explanation of a client line, by its keyword; empty when there is none. */
    static String forCommand(String line, String lang) {
        Text t = COMMANDS.get(keyword(line));
        return t == null ? "" : t.in(lang);
    }

    /** The explanation of the status line answering {@code command} (empty string: the greeting). */
    static String forAnswer(String command, String line, String lang) {
        if (line.startsWith("-ERR")) {
            return lang.equals("fr") ? "refusé ; le code entre crochets dit pourquoi (RFC 2449 §8, RFC 3206)"
                    : "refused; the code in brackets says why (RFC 2449 §8, RFC 3206)";
        }
        Text t = ANSWERS.get(keyword(command));
        return t == null ? "" : t.in(lang);
    }

    /** The explanation of one line of CAPA's list. */
    static String forCapability(String line, String lang) {
        Text t = CAPABILITIES.get(keyword(line));
        return t == null ? "" : t.in(lang);
    }

    private static String keyword(String line) {
        return line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
    }

    /** The English or the French text, for {@code lang} "en" or "fr" (the POP3 step's own notes). */
    static String say(String lang, String en, String fr) {
        return "fr".equals(lang) ? fr : en;
    }
}

package io.github.smtplab.lab.demo;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.TranscriptListener;
import java.io.PrintWriter;

/**
 * Prints one side's view of a dialogue: {@code C:} lines it sends and {@code S:} replies it receives, each
 * first line followed by its explanation. Colour on a terminal, plain text when piped.
 */
final class AnnotatedTranscript implements TranscriptListener {

    private static final String RESET = "\u001b[0m";
    private static final String CLIENT = "\u001b[36m";
    private static final String SERVER = "\u001b[33m";
    private static final String NOTE = "\u001b[2m";

    private final PrintWriter out;
    private final String lang;
    private final boolean colour;
    private final String label;
    /** During an AUTH exchange: how many responses the client has sent after a 334 (RFC 4954 §4). */
    private int authResponses = -1;

    AnnotatedTranscript(PrintWriter out, String lang, boolean colour, String label) {
        this.out = out;
        this.lang = lang;
        this.colour = colour;
        this.label = label;
    }

    @Override
    public void clientLine(String line) {
        if (authResponses >= 0 && !line.startsWith("AUTH")) {
            // a response inside AUTH LOGIN: base64 of the user name, then of the password (masked here)
            authResponses++;
            if (authResponses == 1) {
                print(CLIENT, "C: " + line, Annotations.say(lang, "base64 of the user name: ", "base64 du nom d'utilisateur : ")
                        + "\"" + decoded(line) + "\"");
            } else {
                print(CLIENT, "C: " + "*".repeat(Math.min(line.length(), 12)), Annotations.say(lang,
                        "base64 of the password (masked here; only TLS protects it on the wire)",
                        "base64 du mot de passe (masqué ici ; seul TLS le protège sur le réseau)"));
            }
            return;
        }
        if (line.toUpperCase(java.util.Locale.ROOT).startsWith("AUTH ")) {
            authResponses = 0;
        }
        print(CLIENT, "C: " + line, Annotations.forCommand(line, lang));
    }

    @Override
    public void serverReply(Reply reply) {
        if (reply.code() == 334) {
            print(SERVER, "S: " + reply.format().strip(), Annotations.say(lang, "a challenge, base64 of ", "un défi, base64 de ")
                    + "\"" + decoded(reply.lines().getFirst()) + "\" (RFC 4954 §4)");
            return;
        }
        if (authResponses >= 0 && reply.code() != 334) {
            authResponses = -1;   // the exchange is over
        }
        String[] lines = reply.format().split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            print(SERVER, "S: " + lines[i], i == lines.length - 1 ? Annotations.forReply(reply, lang) : "");
        }
    }

    @Override
    public void messageContent(long octets) {
        print(NOTE, "   … " + octets + Annotations.say(lang, " octets of message, dot-stuffed (RFC 5321 §4.5.2)",
                " octets de message, points doublés (RFC 5321 §4.5.2)"), "");
    }

    @Override
    public void event(String description) {
        print(NOTE, description.startsWith("TLS ") ? "[TLS] " + description.substring(4) : "** " + description, "");
    }

    private static String decoded(String base64) {
        return new String(io.github.smtplab.mime.Base64Codec.decodeLenient(base64), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void print(String style, String text, String note) {
        synchronized (out) {
            String shown = note.isEmpty() ? text : String.format("%-60s", text);
            if (colour) {
                out.println(label + style + shown + RESET + (note.isEmpty() ? "" : NOTE + "  " + note + RESET));
            } else {
                out.println(label + shown + (note.isEmpty() ? "" : "  # " + note));
            }
            out.flush();
        }
    }
}

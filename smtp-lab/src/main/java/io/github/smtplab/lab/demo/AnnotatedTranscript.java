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

    AnnotatedTranscript(PrintWriter out, String lang, boolean colour, String label) {
        this.out = out;
        this.lang = lang;
        this.colour = colour;
        this.label = label;
    }

    @Override
    public void clientLine(String line) {
        print(CLIENT, "C: " + line, Annotations.forCommand(line, lang));
    }

    @Override
    public void serverReply(Reply reply) {
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

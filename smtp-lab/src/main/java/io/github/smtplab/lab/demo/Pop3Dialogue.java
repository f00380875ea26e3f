package io.github.smtplab.lab.demo;

import io.github.smtplab.pop3.Pop3Transcript;
import java.io.PrintWriter;

/**
 * Prints Bob's POP3 dialogue as it happens, {@code C:} and {@code S:} lines each with its explanation
 * ({@link Pop3Annotations}), in the same layout as the SMTP dialogues of the demo.
 */
final class Pop3Dialogue implements Pop3Transcript {

    private static final String RESET = "\u001b[0m";
    private static final String CLIENT = "\u001b[36m";
    private static final String SERVER = "\u001b[33m";
    private static final String NOTE = "\u001b[2m";

    private final PrintWriter out;
    private final String lang;
    private final boolean colour;
    private final String label;
    /** The command the next status line answers ("" before the greeting). */
    private String lastCommand = "";
    /** True while the lines of a listing (CAPA, UIDL, LIST) go by. */
    private boolean inListing;

    Pop3Dialogue(PrintWriter out, String lang, boolean colour, String label) {
        this.out = out;
        this.lang = lang;
        this.colour = colour;
        this.label = label;
    }

    @Override
    public void clientLine(String line) {
        lastCommand = line;
        inListing = false;
        print(CLIENT, "C: " + line, Pop3Annotations.forCommand(line, lang));
    }

    @Override
    public void serverLine(String line) {
        if (inListing) {
            inListing = !line.equals(".");
            String note = line.equals(".") ? Pop3Annotations.say(lang, "end of the list (RFC 1939 §3)", "fin de la liste (RFC 1939 §3)")
                    : lastCommand.equals("CAPA") ? Pop3Annotations.forCapability(line, lang) : "";
            print(SERVER, "S: " + line, note);
            return;
        }
        String command = lastCommand.split(" ", 2)[0];
        inListing = line.startsWith("+OK") && (command.equals("CAPA") || command.equals("UIDL") || command.equals("LIST"));
        print(SERVER, "S: " + line, Pop3Annotations.forAnswer(lastCommand, line, lang));
    }

    @Override
    public void messageContent(long octets) {
        print(NOTE, "   … " + octets + Pop3Annotations.say(lang, " octets of message, then \".\" (RFC 1939 §3)",
                " octets de message, puis « . » (RFC 1939 §3)"), "");
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

package io.github.smtplab.lab.demo;

import io.github.smtplab.pop3.Pop3Transcript;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Bob's POP3 transcript into {@link DialogueLine}s with their context, explains each with
 * {@link Annotations} and adds it to the {@link Story}: the POP3 counterpart of {@link DialogueRecorder}.
 *
 * <p>POP3 answers one command at a time with one status line, {@code +OK} or {@code -ERR}; a few
 * answers go on with a listing ended by a line holding only "." (RFC 1939 §3). The last command sent
 * tells what a line answers; the server speaks first, so the first status line is the greeting.
 */
final class Pop3Recorder implements Pop3Transcript {

    /** The commands whose {@code +OK} is followed by a multi-line listing (RFC 1939 §5, §7; RFC 2449 §5). */
    private static final Set<String> LISTINGS = Set.of("CAPA", "UIDL", "LIST");
    private static final Pattern TLS_EVENT = Pattern.compile("TLS (\\S+) (\\S+?)(?:, server certificate (.+))?");

    private final Story story;
    private final Annotations annotations;
    private final String client;
    private final String server;
    private final String label;

    /** The keyword of the command the next status line answers. */
    private String answers = "GREETING";
    private boolean inListing;
    private boolean tls;

    /**
     * @param client the reader's lane
     * @param server the POP3 server's lane
     * @param label  the console prefix for this hop
     */
    Pop3Recorder(Story story, Annotations annotations, String client, String server, String label) {
        this.story = story;
        this.annotations = annotations;
        this.client = client;
        this.server = server;
        this.label = label;
    }

    @Override
    public synchronized void clientLine(String line) {
        answers = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        inListing = false;
        add(client, server, new DialogueLine.Pop3Command(line, answers));
    }

    @Override
    public synchronized void serverLine(String line) {
        if (inListing) {
            DialogueLine.Pop3ListingLine listed = new DialogueLine.Pop3ListingLine(line, answers);
            inListing = !listed.end();
            add(server, client, listed);
            return;
        }
        DialogueLine.Pop3Status status = new DialogueLine.Pop3Status(line, answers);
        inListing = !status.refused() && LISTINGS.contains(answers);
        add(server, client, status);
    }

    @Override
    public synchronized void messageContent(long octets) {
        add(server, client, new DialogueLine.Pop3Message(octets));
    }

    @Override
    public synchronized void event(String description) {
        Matcher handshake = TLS_EVENT.matcher(description);
        if (handshake.matches()) {
            tls = true;
            add(client, server, new DialogueLine.Pop3Tls(handshake.group(1), handshake.group(2),
                    handshake.group(3) == null ? "" : handshake.group(3)));
        } else if (description.equals("connection closed")) {
            add(client, server, new DialogueLine.Pop3Closed());
        } else {
            add(client, server, new DialogueLine.Event(description));
        }
    }

    private void add(String from, String to, DialogueLine line) {
        story.add(new Story.Line(from, to, label, line, annotations.shown(line), annotations.explain(line), tls, false));
    }
}

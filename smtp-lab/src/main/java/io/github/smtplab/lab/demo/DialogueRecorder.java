package io.github.smtplab.lab.demo;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one client's transcript into {@link DialogueLine}s with their context, explains each with
 * {@link Annotations} and adds it to the {@link Story}.
 *
 * <p>Every client line expects exactly one reply, and replies come back in the order of the lines, even
 * when several are pipelined (RFC 2920 §3.1; RFC 5321 §4.1): so a queue of what was sent tells which
 * command each reply answers. The connection itself expects the greeting; the message ended by its final
 * dot expects the last reply of a transaction.
 */
final class DialogueRecorder implements TranscriptListener {

    private static final Pattern TLS_EVENT = Pattern.compile("TLS (\\S+) (\\S+)(?:, peer (.+?))?, (verified|not verified)");
    private static final Pattern SIZE_PARAMETER = Pattern.compile("(?i)\\sSIZE=(\\d+)");
    private static final Pattern FORWARD_PATH = Pattern.compile("(?i)^RCPT TO:\\s*<([^>]*)>");

    private final Story story;
    private final Annotations annotations;
    private final String client;
    private final String server;
    private final String label;
    private final Set<String> bccRecipients;

    /** What was sent and not yet answered, oldest first. */
    private final Deque<DialogueLine.Answered> awaiting = new ArrayDeque<>();
    private boolean tls;
    private boolean pipelining;
    /** During AUTH: the mechanism, and how many responses the client has sent (RFC 4954 §4). */
    private String authMechanism = "";
    private int authResponses;
    private long declaredSize = -1;

    /**
     * @param client        the client's lane
     * @param server        the server's lane
     * @param label         the console prefix for this hop
     * @param bccRecipients the envelope recipients the header does not name, lower case
     */
    DialogueRecorder(Story story, Annotations annotations, String client, String server, String label, Set<String> bccRecipients) {
        this.story = story;
        this.annotations = annotations;
        this.client = client;
        this.server = server;
        this.label = label;
        this.bccRecipients = Set.copyOf(bccRecipients);
    }

    @Override
    public synchronized void clientLine(String line) {
        if (!authMechanism.isEmpty()) {
            authResponses++;
            boolean secret = authMechanism.equals("PLAIN") || (authMechanism.equals("LOGIN") && authResponses >= 2);
            String shown = secret ? mask(line) : line;
            awaiting.add(new DialogueLine.Answered("AUTH-RESPONSE", shown, false, authMechanism));
            add(client, server, new DialogueLine.AuthResponse(shown, authMechanism, authResponses, secret));
            return;
        }
        String[] words = line.split(" ");
        String verb = words[0].toUpperCase(Locale.ROOT);
        String shown = line;
        if (verb.equals("AUTH") && words.length > 1) {
            authMechanism = words[1].toUpperCase(Locale.ROOT);
            authResponses = 0;
            if (words.length > 2 && authMechanism.equals("PLAIN")) {
                shown = words[0] + " " + words[1] + " " + mask(words[2]);   // the initial response holds the password
                authResponses = 1;
            }
        }
        if (verb.equals("MAIL")) {
            Matcher size = SIZE_PARAMETER.matcher(line);
            declaredSize = size.find() ? Long.parseLong(size.group(1)) : -1;
        }
        boolean inGroup = pipelining && (verb.equals("MAIL") || verb.equals("RCPT") || verb.equals("DATA"));
        Matcher path = FORWARD_PATH.matcher(line);
        boolean bcc = path.find() && bccRecipients.contains(path.group(1).toLowerCase(Locale.ROOT));
        awaiting.add(new DialogueLine.Answered(verb, shown, inGroup, authMechanism));
        add(client, server, new DialogueLine.Command(shown, verb, tls, inGroup, bcc));
    }

    @Override
    public synchronized void serverReply(Reply reply) {
        DialogueLine.Answered answers = awaiting.isEmpty() ? new DialogueLine.Answered("?", "", false, "") : awaiting.poll();
        if (answers.verb().equals("EHLO")) {
            pipelining = reply.lines().stream().anyMatch(l -> l.equalsIgnoreCase("PIPELINING"));
        }
        if (!authMechanism.isEmpty() && reply.code() != 334) {
            authMechanism = "";   // the exchange is over: 235, or a failure
        }
        String[] lines = reply.format().split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            add(server, client, new DialogueLine.ReplyLine(lines[i], reply, i, answers));
        }
    }

    @Override
    public synchronized void messageContent(long octets) {
        add(client, server, new DialogueLine.Content(octets, declaredSize));
        add(client, server, new DialogueLine.FinalDot());
        awaiting.add(new DialogueLine.Answered("CONTENT", ".", false, ""));
    }

    @Override
    public synchronized void event(String description) {
        if (description.startsWith("connected to ")) {
            awaiting.clear();
            awaiting.add(DialogueLine.Answered.GREETING);   // in SMTP the server speaks first (RFC 5321 §3.1)
            add(client, server, new DialogueLine.Connected(description.substring("connected to ".length()).replaceFirst("^[^/]*/", "")));
            return;
        }
        if (description.equals("TLS started")) {
            tls = true;
            pipelining = false;   // what was learned before TLS is forgotten (RFC 3207 §4.2)
            add(client, server, new DialogueLine.TlsStarted());
            return;
        }
        Matcher handshake = TLS_EVENT.matcher(description);
        if (handshake.matches()) {
            String peer = handshake.group(3) == null ? "" : handshake.group(3);
            add(client, server, new DialogueLine.TlsHandshake(handshake.group(1), handshake.group(2), peer, handshake.group(4).equals("verified")));
            return;
        }
        add(client, server, new DialogueLine.Event(description));
    }

    private void add(String from, String to, DialogueLine line) {
        boolean inAuth = !authMechanism.isEmpty() || (line instanceof DialogueLine.ReplyLine r && r.answers().verb().startsWith("AUTH"));
        story.add(new Story.Line(from, to, label, line, annotations.shown(line), annotations.explain(line), tls, inAuth));
    }

    /** The user name of an AUTH LOGIN response, decoded for the explanation (never the password). */
    static String decoded(String base64) {
        return new String(Base64Codec.decodeLenient(base64), StandardCharsets.UTF_8);
    }

    private static String mask(String secret) {
        return "*".repeat(Math.min(Math.max(secret.length(), 8), 12));
    }
}

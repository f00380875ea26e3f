package io.github.smtplab.lab.demo;

import io.github.smtplab.core.EnhancedStatus;
import io.github.smtplab.lab.explain.Messages;
import java.util.List;
import java.util.Locale;

/**
 * What each {@link DialogueLine} looks like and what it means, in the language of a {@link Messages}
 * bundle. The sentences are data (the bundles' keys); this class only chooses the key from the line's
 * context:
 *
 * <ul>
 *   <li>a command by its verb, with variants: {@code command.EHLO.afterTls}, {@code command.RCPT.bcc},
 *       {@code command.AUTH.LOGIN}, {@code command.MAIL.pipelined};</li>
 *   <li>a reply by the command it answers and its code, most specific first:
 *       {@code reply.STARTTLS.220}, then {@code reply.STARTTLS.2xx}, then {@code reply.any.2xx};</li>
 *   <li>each line of the EHLO reply by its extension keyword: {@code ehlo.PIPELINING};</li>
 *   <li>an enhanced status code (RFC 3463) by class, subject and detail.</li>
 * </ul>
 */
final class Annotations {

    private final Messages messages;

    Annotations(Messages messages) {
        this.messages = messages;
    }

    /** The line as shown on the console and in the page, without the hop's prefix. */
    String shown(DialogueLine line) {
        return switch (line) {
            case DialogueLine.Command c -> "C: " + c.text();
            case DialogueLine.AuthResponse a -> "C: " + a.shown();
            case DialogueLine.ReplyLine r -> "S: " + r.text();
            case DialogueLine.Content c -> "C: " + messages.text("line.content", c.octets());
            case DialogueLine.FinalDot d -> "C: .";
            case DialogueLine.Connected c -> messages.text("line.connected", c.address());
            case DialogueLine.TlsHandshake t -> messages.text("line.tls", t.protocol(), t.cipher(),
                    t.peer().isEmpty() ? "?" : t.peer(), messages.text(t.verified() ? "line.tls.verified" : "line.tls.notVerified"));
            case DialogueLine.TlsStarted t -> messages.text("line.tls.started");
            case DialogueLine.Event e -> "** " + e.text();
            case DialogueLine.DnsLookup d -> "DNS: " + messages.text("line.dns", d.type(), d.name(),
                    d.answers().isEmpty() ? d.status() + " " + messages.text("line.dns.none") : String.join(" | ", d.answers()));
            case DialogueLine.Delivered d -> "✓ " + d.mailbox() + ": new/" + d.file();
            case DialogueLine.Pop3Command c -> "C: " + c.text();
            case DialogueLine.Pop3Status s -> "S: " + s.text();
            case DialogueLine.Pop3ListingLine l -> "S: " + l.text();
            case DialogueLine.Pop3Message m -> "S: " + messages.text("pop3.line.message", m.octets());
            case DialogueLine.Pop3Tls t -> messages.text("line.tls", t.protocol(), t.cipher(), t.peer().isEmpty() ? "?" : t.peer(),
                    messages.text("line.tls.verified"));
            case DialogueLine.Pop3Closed c -> messages.text("pop3.line.closed");
        };
    }

    /** Its explanation, with the RFC sections that define it. */
    String explain(DialogueLine line) {
        return switch (line) {
            case DialogueLine.Command c -> command(c);
            case DialogueLine.AuthResponse a -> a.secret() ? messages.text("auth.password")
                    : a.mechanism().equals("LOGIN") && a.index() == 1 ? messages.text("auth.user", DialogueRecorder.decoded(a.shown()))
                    : messages.text("auth.response");
            case DialogueLine.ReplyLine r -> reply(r);
            case DialogueLine.Content c -> content(c);
            case DialogueLine.FinalDot d -> messages.text("dot.note");
            case DialogueLine.Connected c -> messages.text("event.connected");
            case DialogueLine.TlsHandshake t -> messages.text(t.verified() ? "event.tls.verified" : "event.tls.notVerified");
            case DialogueLine.TlsStarted t -> messages.text("event.tls.started");
            case DialogueLine.Event e -> messages.text("event.other");
            case DialogueLine.DnsLookup d -> dns(d);
            case DialogueLine.Delivered d -> messages.text("delivered.note");
            case DialogueLine.Pop3Command c -> messages.find("pop3.command." + c.keyword()).orElse(messages.text("pop3.command.other", c.keyword()));
            case DialogueLine.Pop3Status s -> s.refused() ? messages.text("pop3.reply.err")
                    : messages.find("pop3.reply." + s.answers()).orElse(messages.text("pop3.reply.ok", s.answers()));
            case DialogueLine.Pop3ListingLine l -> listing(l);
            case DialogueLine.Pop3Message m -> messages.text("pop3.message.note");
            case DialogueLine.Pop3Tls t -> messages.text("pop3.event.tls");
            case DialogueLine.Pop3Closed c -> messages.text("pop3.event.closed");
        };
    }

    /**
     * A line of a POP3 listing: in CAPA's, each capability by its tag (RFC 2449 §6); in UIDL's and LIST's,
     * the message number and its unique-id or size (RFC 1939 §5, §7); the "." that ends every listing.
     */
    private String listing(DialogueLine.Pop3ListingLine l) {
        if (l.end()) {
            return messages.text("pop3.listing.end", l.listing());
        }
        String[] words = l.text().split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        return switch (l.listing()) {
            case "CAPA" -> messages.find("pop3.capa." + words[0].toUpperCase(Locale.ROOT), rest)
                    .orElse(messages.text("pop3.capa.other", words[0]));
            case "UIDL", "LIST" -> messages.text("pop3.listing." + l.listing(), words[0], rest);
            default -> messages.text("pop3.listing.other", l.listing());
        };
    }

    private String command(DialogueLine.Command c) {
        String verb = c.verb();
        String mechanism = verb.equals("AUTH") ? c.text().split(" ")[1].toUpperCase(Locale.ROOT) : "";
        StringBuilder note = new StringBuilder(messages.first(List.of(
                        "command." + verb + (c.afterTls() ? ".afterTls" : ""), "command." + verb + "." + mechanism, "command." + verb), mechanism)
                .orElse(messages.text("command.other", verb)));
        if (c.bccRecipient()) {
            then(note, messages.text("command.RCPT.bcc"));
        }
        if (c.pipelined()) {
            messages.find("command." + verb + ".pipelined").ifPresent(p -> then(note, p));
        }
        return note.toString();
    }

    private String reply(DialogueLine.ReplyLine r) {
        String verb = r.answers().verb();
        int code = r.reply().code();
        if (verb.equals("EHLO") && code == 250 && r.index() > 0) {
            return ehloKeyword(r);
        }
        if (r.index() > 0) {
            return messages.text("reply.continuation", code);
        }
        String answered = r.answers().line();
        String classKey = (code / 100) + "xx";
        String challenge = code == 334 ? DialogueRecorder.decoded(r.reply().lines().getFirst()) : "";
        StringBuilder note = new StringBuilder(messages.first(List.of(
                "reply." + verb + "." + code + (r.reply().lines().size() > 1 ? ".first" : ""),
                "reply." + verb + "." + code, "reply." + verb + "." + classKey, "reply.any." + classKey), answered, challenge).orElseThrow());
        if (r.answers().pipelined()) {
            then(note, messages.text("reply.pipelined"));
        }
        r.reply().status().ifPresent(status -> then(note, enhanced(status)));
        return note.toString();
    }

    private String ehloKeyword(DialogueLine.ReplyLine r) {
        String[] words = r.reply().lines().get(r.index()).split(" ", 2);
        String keyword = words[0].toUpperCase(Locale.ROOT);
        String parameters = words.length > 1 ? words[1] : "";
        String note = messages.find("ehlo." + keyword, parameters).orElse(messages.text("ehlo.other", keyword));
        return r.last() ? then(new StringBuilder(note), messages.text("ehlo.last")).toString() : note;
    }

    /** An enhanced status code taken apart: class, subject, detail (RFC 3463 §3). */
    private String enhanced(EnhancedStatus s) {
        String detail = messages.find("esc.detail." + s.subject() + "." + s.detail())
                .orElse(messages.text("esc.detail.other", s.detail()));
        return messages.text("esc", s, messages.text("esc.class." + s.statusClass()),
                messages.find("esc.subject." + s.subject()).orElse("?"), detail);
    }

    /** Why the octets sent differ from SIZE=: the final dot line, plus dot-stuffing or a CRLF added at the end. */
    private String content(DialogueLine.Content c) {
        if (c.declaredSize() < 0) {
            return messages.text("content.nosize", c.octets());
        }
        long extra = c.octets() - c.declaredSize() - 3;
        return extra == 0 ? messages.text("content.exact", c.octets(), c.declaredSize())
                : messages.text("content.more", c.octets(), c.declaredSize(), extra);
    }

    private String dns(DialogueLine.DnsLookup d) {
        String kind = d.type();
        if (kind.equals("TXT")) {
            kind = d.name().startsWith("_dmarc.") ? "TXT.dmarc" : d.name().contains("._domainkey.") ? "TXT.dkim" : "TXT.spf";
        }
        String note = messages.find("dns." + kind, d.name()).orElse(messages.text("dns.other", d.name()));
        return d.answers().isEmpty() ? then(new StringBuilder(note), messages.text("dns.empty")).toString() : note;
    }

    /** Appends a further sentence, ending the previous one with a full stop if it has none. */
    private static StringBuilder then(StringBuilder note, String sentence) {
        String joined = Messages.joined(note.toString(), sentence);
        note.setLength(0);
        return note.append(joined);
    }
}

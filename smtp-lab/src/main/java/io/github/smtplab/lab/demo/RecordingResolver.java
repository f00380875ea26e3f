package io.github.smtplab.lab.demo;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordType;
import java.util.List;

/**
 * A resolver that passes every lookup on and adds it to the story, so the demo shows the DNS questions
 * each server really asked: the submission server's MX and address lookups (RFC 5321 §5.1), the MX's
 * SPF, DKIM key and DMARC lookups.
 */
final class RecordingResolver implements DnsResolver {

    private final DnsResolver next;
    private final Story story;
    private final Annotations annotations;
    private final String asker;
    private final String label;

    /**
     * @param asker the lane of the server that asks
     * @param label the console prefix, e.g. {@code [mx.exemple.com → DNS] }
     */
    RecordingResolver(DnsResolver next, Story story, Annotations annotations, String asker, String label) {
        this.next = next;
        this.story = story;
        this.annotations = annotations;
        this.asker = asker;
        this.label = label;
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        LookupResult result = next.query(name, type);
        List<String> answers = result instanceof LookupResult.Found found ? found.shortLines() : List.of();
        DialogueLine line = new DialogueLine.DnsLookup(name.toString().replaceFirst("\\.$", ""), type.mnemonic(), result.status(), answers);
        story.add(new Story.Line(asker, Demo.DNS_LANE, label, line, annotations.shown(line), annotations.explain(line), false, false));
        return result;
    }
}

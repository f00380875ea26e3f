package io.github.smtplab.auth.dmarc;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import io.github.smtplab.dns.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A root zone of TXT records served by smtp-dns's in-memory resolver, recording every question asked. */
final class TestZone implements DnsResolver {

    private final InMemoryResolver resolver;
    /** The names asked, in order. */
    final List<String> asked = new ArrayList<>();

    TestZone(Map<String, String> txtByName) {
        List<ResourceRecord> records = new ArrayList<>();
        records.add(ResourceRecord.in(DomainName.ROOT, 300, new RecordData.Soa(
                DomainName.of("ns.test."), DomainName.of("hostmaster.test."), 1, 3600, 600, 86400, 300)));
        txtByName.forEach((name, txt) -> records.add(ResourceRecord.in(DomainName.of(name), 300, RecordData.Txt.ofText(txt))));
        this.resolver = new InMemoryResolver(List.of(new Zone(DomainName.ROOT, records)));
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        asked.add(name + " " + type);
        return resolver.query(name, type);
    }

    /** The TXT names asked, without the final dot. */
    List<String> txtQuestions() {
        return asked.stream().filter(q -> q.endsWith(" TXT")).map(q -> q.substring(0, q.length() - 5)).toList();
    }
}

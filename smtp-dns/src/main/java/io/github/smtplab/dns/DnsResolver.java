package io.github.smtplab.dns;

/**
 * Looks up records. {@link StubResolver} asks name servers over the network; {@link InMemoryResolver}
 * answers from zones in memory, for tests and exercises. SPF, DKIM, DMARC and the SMTP client depend only
 * on this interface.
 */
public interface DnsResolver {

    /** Looks up {@code type} records at {@code name} in class IN, following CNAMEs. Never throws for DNS outcomes. */
    LookupResult query(DomainName name, RecordType type);

    /** The same, with the name in presentation form, e.g. {@code "example.com"}. */
    default LookupResult query(String name, RecordType type) {
        return query(DomainName.of(name), type);
    }
}

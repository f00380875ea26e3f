package io.github.smtplab.dns;

import java.util.List;

/**
 * The records of one zone of authority (RFC 1035 §4.2, §6.1): everything at or below {@link #origin()},
 * with exactly one SOA at the origin, and no other data beside a CNAME.
 *
 * @param origin  the zone's apex, e.g. {@code example.com.}
 * @param records every record of the zone
 */
public record Zone(DomainName origin, List<ResourceRecord> records) {

    /** Checks the SOA and that every record lies inside the zone. */
    public Zone {
        records = List.copyOf(records);
        long soaCount = records.stream().filter(r -> r.data() instanceof RecordData.Soa).count();
        boolean soaAtApex = records.stream().anyMatch(r -> r.data() instanceof RecordData.Soa && r.name().equals(origin));
        if (soaCount != 1 || !soaAtApex) {
            throw new IllegalArgumentException("a zone has exactly one SOA, at its origin (RFC 1035 §5.2): " + origin);
        }
        java.util.Set<DomainName> aliases = new java.util.HashSet<>();
        for (ResourceRecord r : records) {
            if (!r.name().isSubdomainOf(origin)) {
                throw new IllegalArgumentException(r.name() + " lies outside the zone " + origin + " (RFC 1035 §5.2)");
            }
            if (r.data() instanceof RecordData.Cname && !aliases.add(r.name())) {
                throw new IllegalArgumentException(r.name() + " has two CNAME records (RFC 2181 §10.1)");
            }
        }
        for (ResourceRecord r : records) {
            if (aliases.contains(r.name()) && !(r.data() instanceof RecordData.Cname)) {
                throw new IllegalArgumentException(r.name() + " is an alias (CNAME) and cannot own " + r.type()
                        + " records too (RFC 1034 §3.6.2)");
            }
        }
    }

    /** The zone's SOA record. */
    public ResourceRecord soa() {
        return records.stream().filter(r -> r.data() instanceof RecordData.Soa).findFirst().orElseThrow();
    }
}

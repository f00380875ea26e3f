package io.github.smtplab.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one lookup, keeping apart the four cases consumers must tell apart (RFC 2308 §2;
 * RFC 7208 §4.3-§5 and RFC 7489 §6.6.3 treat each differently):
 * data ({@link Found}), the name exists without that type ({@link NoData}), the name does not exist
 * ({@link NxDomain}), and no usable answer ({@link Failure}).
 */
public sealed interface LookupResult {

    /** What was asked. */
    Question question();

    /**
     * A one-word status as {@code dig} prints it: {@code NOERROR} (data or NODATA), {@code NXDOMAIN}, or for a
     * failure its kind ({@code SERVFAIL}, {@code REFUSED}, {@code TIMEOUT}, ...).
     */
    default String status() {
        return switch (this) {
            case Found f -> "NOERROR";
            case NoData n -> "NOERROR";
            case NxDomain n -> "NXDOMAIN";
            case Failure f -> f.kind().name();
        };
    }

    /**
     * NOERROR with records of the asked type.
     *
     * @param question      what was asked
     * @param cnames        the CNAME records followed from the asked name to {@code canonicalName}, in order
     *                      (empty without aliases; RFC 1034 §3.6.2)
     * @param canonicalName the name that owns the records, after following CNAMEs
     * @param records       the records of the asked type, never empty
     */
    record Found(Question question, List<ResourceRecord> cnames, DomainName canonicalName, List<ResourceRecord> records)
            implements LookupResult {
        /** Copies the lists; {@code records} must not be empty. */
        public Found {
            cnames = List.copyOf(cnames);
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Found needs records; use NoData");
            }
        }

        /** Records found without following any alias. */
        public Found(Question question, DomainName canonicalName, List<ResourceRecord> records) {
            this(question, List.of(), canonicalName, records);
        }

        /**
         * The answer as {@code dig +short} prints it: the target of each CNAME followed, then each record's
         * data in presentation form (RFC 1035 §5.1), one per line.
         */
        public List<String> shortLines() {
            List<String> lines = new java.util.ArrayList<>();
            cnames.forEach(c -> lines.add(c.data().presentation()));
            records.forEach(r -> lines.add(r.data().presentation()));
            return lines;
        }

        /** The typed data of each record, in order. */
        public List<RecordData> data() {
            return records.stream().map(ResourceRecord::data).toList();
        }

        /** The addresses of A and AAAA records, in order. */
        public List<InetAddress> addresses() {
            return records.stream().map(ResourceRecord::data).<InetAddress>mapMulti((d, out) -> {
                if (d instanceof RecordData.A a) {
                    out.accept(a.address());
                } else if (d instanceof RecordData.Aaaa aaaa) {
                    out.accept(aaaa.address());
                }
            }).toList();
        }

        /** The TXT records, each one's strings concatenated (RFC 7208 §3.3), in order. */
        public List<String> texts() {
            return records.stream().map(ResourceRecord::data)
                    .<String>mapMulti((d, out) -> {
                        if (d instanceof RecordData.Txt t) {
                            out.accept(t.concatenated());
                        }
                    }).toList();
        }
    }

    /**
     * NOERROR without records of the asked type: the name exists (RFC 2308 §2.2).
     *
     * @param question      what was asked
     * @param canonicalName the name reached after CNAMEs
     * @param soa           the SOA from the authority section, which sets how long to cache this (RFC 2308 §5)
     */
    record NoData(Question question, DomainName canonicalName, Optional<ResourceRecord> soa) implements LookupResult {}

    /**
     * NXDOMAIN: the name does not exist (RFC 2308 §2.1). After a CNAME it is the target that does not
     * exist (RFC 6604 §2).
     *
     * @param question      what was asked
     * @param canonicalName the name that does not exist
     * @param soa           the SOA from the authority section (RFC 2308 §5)
     */
    record NxDomain(Question question, DomainName canonicalName, Optional<ResourceRecord> soa) implements LookupResult {}

    /**
     * No usable answer: SERVFAIL, timeout, refused, garbage. A temporary condition.
     *
     * @param question what was asked
     * @param kind     which failure
     * @param detail   a readable explanation (which servers, what went wrong)
     */
    record Failure(Question question, FailureKind kind, String detail) implements LookupResult {}
}

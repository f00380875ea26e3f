package io.github.smtplab.dns;

/**
 * A resource record (RFC 1035 §3.2.1, §4.1.3): owner name, class, TTL and typed data. The TYPE comes from
 * the data ({@link RecordData#type()}), so the two can never disagree.
 *
 * <p>For the EDNS0 OPT pseudo-record (RFC 6891 §6.1.2) the owner is the root, CLASS carries the sender's
 * UDP payload size and TTL carries the extended RCODE, version and DO flag.
 *
 * @param name   the owner name
 * @param rclass the 16-bit CLASS, normally {@link #CLASS_IN}
 * @param ttl    the unsigned 32-bit TTL in seconds
 * @param data   the typed RDATA
 */
public record ResourceRecord(DomainName name, int rclass, long ttl, RecordData data) {

    /** CLASS IN, the Internet (RFC 1035 §3.2.4). */
    public static final int CLASS_IN = 1;

    /** Largest TTL a cache uses; larger values are treated as 0 (RFC 2181 §8). */
    public static final long MAX_TTL = 0x7FFF_FFFFL;

    /** Checks the class and TTL fit their fields. */
    public ResourceRecord {
        if (name == null || data == null) {
            throw new IllegalArgumentException("a record needs a name and data");
        }
        if (rclass < 0 || rclass > 0xFFFF) {
            throw new IllegalArgumentException("CLASS is 16 bits (RFC 1035 §3.2.4): " + rclass);
        }
        if (ttl < 0 || ttl > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("TTL is an unsigned 32-bit number (RFC 1035 §3.2.1): " + ttl);
        }
    }

    /** A record in class IN. */
    public static ResourceRecord in(DomainName name, long ttl, RecordData data) {
        return new ResourceRecord(name, CLASS_IN, ttl, data);
    }

    /** The EDNS0 OPT record advertising {@code udpPayloadSize} octets (RFC 6891 §6.1.2), version 0, no options. */
    public static ResourceRecord opt(int udpPayloadSize) {
        return new ResourceRecord(DomainName.ROOT, udpPayloadSize, 0, new RecordData.Opt());
    }

    /**
     * An OPT record that also carries the high 8 bits of an extended RCODE (RFC 6891 §6.1.3: the TTL field
     * holds EXTENDED-RCODE, VERSION, DO and Z), e.g. {@link Rcode#BADVERS}; version 0, no options.
     */
    public static ResourceRecord opt(int udpPayloadSize, int extendedRcode) {
        return new ResourceRecord(DomainName.ROOT, udpPayloadSize, (long) (extendedRcode >>> 4) << 24, new RecordData.Opt());
    }

    /** For an OPT record: the EDNS VERSION of the sender, the second octet of the TTL field (RFC 6891 §6.1.3). */
    public int ednsVersion() {
        return (int) (ttl >>> 16) & 0xFF;
    }

    /** The record's TYPE. */
    public RecordType type() {
        return data.type();
    }

    /** The TTL a cache may use: a value with the top bit set means 0 (RFC 2181 §8). */
    public long effectiveTtl() {
        return ttl > MAX_TTL ? 0 : ttl;
    }

    /** A copy with another TTL. */
    public ResourceRecord withTtl(long newTtl) {
        return new ResourceRecord(name, rclass, newTtl, data);
    }

    /** One line in master-file form: {@code name TTL IN TYPE rdata}. */
    @Override
    public String toString() {
        String cls = rclass == CLASS_IN ? "IN" : "CLASS" + rclass;
        return name + " " + ttl + " " + cls + " " + type() + " " + data.presentation();
    }
}

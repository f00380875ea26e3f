package io.github.smtplab.dns;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A resource record TYPE (RFC 1035 §3.2.2): a 16-bit code. The types this module understands have
 * constants; any other code is still a valid type, written {@code TYPE1234} (RFC 3597 §5).
 *
 * @param code the 16-bit type code
 */
public record RecordType(int code) {

    /** A host address, IPv4 (RFC 1035 §3.4.1). */
    public static final RecordType A = new RecordType(1);
    /** An authoritative name server (RFC 1035 §3.3.11). */
    public static final RecordType NS = new RecordType(2);
    /** The canonical name for an alias (RFC 1035 §3.3.1). */
    public static final RecordType CNAME = new RecordType(5);
    /** Start of a zone of authority (RFC 1035 §3.3.13). */
    public static final RecordType SOA = new RecordType(6);
    /** A domain name pointer, for reverse lookups (RFC 1035 §3.3.12). */
    public static final RecordType PTR = new RecordType(12);
    /** Mail exchange (RFC 1035 §3.3.9, RFC 5321 §5.1). */
    public static final RecordType MX = new RecordType(15);
    /** Text strings (RFC 1035 §3.3.14), used by SPF, DKIM and DMARC. */
    public static final RecordType TXT = new RecordType(16);
    /** A host address, IPv6 (RFC 3596 §2.1). */
    public static final RecordType AAAA = new RecordType(28);
    /** The EDNS0 pseudo-record in the additional section (RFC 6891 §6.1.1). */
    public static final RecordType OPT = new RecordType(41);

    private static final Map<String, RecordType> BY_MNEMONIC = Map.of(
            "A", A, "NS", NS, "CNAME", CNAME, "SOA", SOA, "PTR", PTR, "MX", MX, "TXT", TXT, "AAAA", AAAA, "OPT", OPT);

    /** Checks the code fits in 16 bits. */
    public RecordType {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("a TYPE is 16 bits (RFC 1035 §3.2.2): " + code);
        }
    }

    /** The type for a mnemonic such as {@code "MX"} or {@code "TYPE99"} (RFC 3597 §5), ignoring case. */
    public static Optional<RecordType> fromMnemonic(String mnemonic) {
        String upper = mnemonic.toUpperCase(Locale.ROOT);
        RecordType known = BY_MNEMONIC.get(upper);
        if (known != null) {
            return Optional.of(known);
        }
        if (upper.startsWith("TYPE") && upper.length() > 4 && upper.length() <= 9
                && upper.substring(4).chars().allMatch(Character::isDigit)) {
            int code = Integer.parseInt(upper.substring(4));
            return code <= 0xFFFF ? Optional.of(new RecordType(code)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The mnemonic: {@code "MX"} for a known type, {@code "TYPE1234"} otherwise (RFC 3597 §5). */
    public String mnemonic() {
        for (Map.Entry<String, RecordType> e : BY_MNEMONIC.entrySet()) {
            if (e.getValue().code == code) {
                return e.getKey();
            }
        }
        return "TYPE" + code;
    }

    @Override
    public String toString() {
        return mnemonic();
    }
}

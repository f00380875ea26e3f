package io.github.smtplab.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The RDATA of a resource record, one record type per variant (RFC 1035 §3.3, RFC 3596 §2.2, RFC 6891 §6.1.2).
 * A type this module does not know is kept as {@link Unknown} raw octets (RFC 3597 §4).
 */
public sealed interface RecordData {

    /** Longest character-string, in octets: one length octet counts up to 255 (RFC 1035 §3.3). */
    int MAX_CHARACTER_STRING = 255;

    /** The record type this data belongs to. */
    RecordType type();

    /** The RDATA in presentation form, as {@code dig +short} prints it (RFC 1035 §5.1). */
    String presentation();

    /**
     * An IPv4 address (RFC 1035 §3.4.1).
     *
     * @param address the address
     */
    record A(Inet4Address address) implements RecordData {
        /** Rejects null. */
        public A {
            if (address == null) {
                throw new IllegalArgumentException("A needs an address");
            }
        }

        @Override
        public RecordType type() {
            return RecordType.A;
        }

        @Override
        public String presentation() {
            return address.getHostAddress();
        }
    }

    /**
     * An IPv6 address (RFC 3596 §2.2).
     *
     * @param address the address
     */
    record Aaaa(Inet6Address address) implements RecordData {
        /** Rejects null. */
        public Aaaa {
            if (address == null) {
                throw new IllegalArgumentException("AAAA needs an address");
            }
        }

        @Override
        public RecordType type() {
            return RecordType.AAAA;
        }

        /** The RFC 5952 text form, e.g. {@code 2001:db8::10}. */
        @Override
        public String presentation() {
            return Ipv6Text.format(address.getAddress());
        }
    }

    /**
     * The name of an authoritative name server (RFC 1035 §3.3.11).
     *
     * @param host the server's name
     */
    record Ns(DomainName host) implements RecordData {
        /** Rejects null. */
        public Ns {
            if (host == null) {
                throw new IllegalArgumentException("NS needs a host");
            }
        }

        @Override
        public RecordType type() {
            return RecordType.NS;
        }

        @Override
        public String presentation() {
            return host.toString();
        }
    }

    /**
     * The canonical name of an alias (RFC 1035 §3.3.1).
     *
     * @param target the canonical name
     */
    record Cname(DomainName target) implements RecordData {
        /** Rejects null. */
        public Cname {
            if (target == null) {
                throw new IllegalArgumentException("CNAME needs a target");
            }
        }

        @Override
        public RecordType type() {
            return RecordType.CNAME;
        }

        @Override
        public String presentation() {
            return target.toString();
        }
    }

    /**
     * A pointer to a name, used under {@code in-addr.arpa} for reverse lookups (RFC 1035 §3.3.12).
     *
     * @param target the name pointed to
     */
    record Ptr(DomainName target) implements RecordData {
        /** Rejects null. */
        public Ptr {
            if (target == null) {
                throw new IllegalArgumentException("PTR needs a target");
            }
        }

        @Override
        public RecordType type() {
            return RecordType.PTR;
        }

        @Override
        public String presentation() {
            return target.toString();
        }
    }

    /**
     * A mail exchange (RFC 1035 §3.3.9): lower preference is tried first (RFC 5321 §5.1). The exchange
     * {@code "."} with preference 0 is a null MX: the domain accepts no mail (RFC 7505 §3).
     *
     * @param preference 16-bit preference, lower is better
     * @param exchange   the host that accepts mail for the domain
     */
    record Mx(int preference, DomainName exchange) implements RecordData {
        /** Checks the preference fits in 16 bits. */
        public Mx {
            if (preference < 0 || preference > 0xFFFF || exchange == null) {
                throw new IllegalArgumentException("MX needs a 16-bit preference and an exchange (RFC 1035 §3.3.9)");
            }
        }

        /** True for the null MX {@code 0 .} of RFC 7505 §3. */
        public boolean isNullMx() {
            return exchange.isRoot();
        }

        @Override
        public RecordType type() {
            return RecordType.MX;
        }

        @Override
        public String presentation() {
            return preference + " " + exchange;
        }
    }

    /**
     * One or more character-strings (RFC 1035 §3.3.14). Each string holds up to 255 octets, one octet per
     * {@code char} (0–255). Readers of SPF (RFC 7208 §3.3) and DKIM (RFC 6376 §3.6.2.2) concatenate them
     * without separators: see {@link #concatenated()}.
     *
     * @param strings the character-strings, in order
     */
    record Txt(List<String> strings) implements RecordData {
        /** Checks there is at least one string and each holds at most 255 octets. */
        public Txt {
            strings = List.copyOf(strings);
            if (strings.isEmpty()) {
                throw new IllegalArgumentException("TXT holds one or more character-strings (RFC 1035 §3.3.14)");
            }
            for (String s : strings) {
                if (s.length() > MAX_CHARACTER_STRING || !s.chars().allMatch(c -> c <= 0xFF)) {
                    throw new IllegalArgumentException("a character-string holds at most 255 octets (RFC 1035 §3.3)");
                }
            }
        }

        /**
         * A TXT record holding {@code text} encoded as UTF-8, cut into 255-octet character-strings.
         * An empty text gives one empty string.
         */
        public static Txt ofText(String text) {
            byte[] octets = text.getBytes(StandardCharsets.UTF_8);
            List<String> parts = new java.util.ArrayList<>();
            for (int start = 0; start < octets.length || parts.isEmpty(); start += MAX_CHARACTER_STRING) {
                int end = Math.min(octets.length, start + MAX_CHARACTER_STRING);
                parts.add(new String(octets, start, end - start, StandardCharsets.ISO_8859_1));
            }
            return new Txt(parts);
        }

        /** All strings joined without separators, one {@code char} per octet (RFC 7208 §3.3). */
        public String concatenated() {
            return String.join("", strings);
        }

        /** All strings joined and decoded as UTF-8 (bad sequences become U+FFFD). */
        public String concatenatedUtf8() {
            return new String(concatenated().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        @Override
        public RecordType type() {
            return RecordType.TXT;
        }

        /** Each string quoted, {@code "} and {@code \} escaped, other non-printables as {@code \DDD}. */
        @Override
        public String presentation() {
            StringBuilder out = new StringBuilder();
            for (String s : strings) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c >= 0x7F) {
                        out.append('\\').append(String.format(Locale.ROOT, "%03d", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
            return out.toString();
        }
    }

    /**
     * Start of authority (RFC 1035 §3.3.13). {@code minimum} is also the TTL of negative answers
     * (RFC 2308 §4). The 32-bit fields are unsigned, held in a {@code long}.
     *
     * @param mname   the primary name server
     * @param rname   the mailbox of the person responsible, as a name
     * @param serial  the zone's version
     * @param refresh seconds before a secondary refreshes
     * @param retry   seconds before a failed refresh is retried
     * @param expire  seconds after which a secondary stops answering
     * @param minimum the negative-caching TTL (RFC 2308 §4)
     */
    record Soa(DomainName mname, DomainName rname, long serial, long refresh, long retry, long expire, long minimum)
            implements RecordData {
        /** Checks the 32-bit fields. */
        public Soa {
            if (mname == null || rname == null) {
                throw new IllegalArgumentException("SOA needs MNAME and RNAME");
            }
            for (long v : new long[] {serial, refresh, retry, expire, minimum}) {
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("SOA fields are unsigned 32-bit (RFC 1035 §3.3.13): " + v);
                }
            }
        }

        @Override
        public RecordType type() {
            return RecordType.SOA;
        }

        @Override
        public String presentation() {
            return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
        }
    }

    /**
     * The EDNS0 OPT pseudo-record's options, kept as raw octets (RFC 6891 §6.1.2). The requester's UDP
     * payload size and the extended flags live in the record's CLASS and TTL fields: see
     * {@link ResourceRecord}.
     *
     * @param options the {OPTION-CODE, OPTION-LENGTH, OPTION-DATA} sequence, as on the wire
     */
    record Opt(byte[] options) implements RecordData {
        /** Copies the octets. */
        public Opt {
            options = options.clone();
        }

        /** An OPT with no options. */
        public Opt() {
            this(new byte[0]);
        }

        @Override
        public byte[] options() {
            return options.clone();
        }

        @Override
        public RecordType type() {
            return RecordType.OPT;
        }

        @Override
        public String presentation() {
            return "\\# " + options.length + (options.length == 0 ? "" : " " + HexFormat.of().formatHex(options));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opt other && Arrays.equals(options, other.options);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(options);
        }

        @Override
        public String toString() {
            return "Opt[" + HexFormat.of().formatHex(options) + "]";
        }
    }

    /**
     * RDATA of a type this module does not interpret, kept as raw octets (RFC 3597 §4).
     *
     * @param typeCode the 16-bit TYPE
     * @param rdata    the RDATA octets
     */
    record Unknown(int typeCode, byte[] rdata) implements RecordData {
        /** Copies the octets and checks the type is not one with its own variant. */
        public Unknown {
            RecordType t = new RecordType(typeCode);
            if (!t.mnemonic().startsWith("TYPE")) {
                throw new IllegalArgumentException(t + " has its own RecordData variant");
            }
            if (rdata.length > 0xFFFF) {
                throw new IllegalArgumentException("RDATA is at most 65535 octets (RFC 1035 §3.2.1)");
            }
            rdata = rdata.clone();
        }

        @Override
        public byte[] rdata() {
            return rdata.clone();
        }

        @Override
        public RecordType type() {
            return new RecordType(typeCode);
        }

        /** The generic form {@code \# LENGTH HEX} (RFC 3597 §5). */
        @Override
        public String presentation() {
            return "\\# " + rdata.length + (rdata.length == 0 ? "" : " " + HexFormat.of().formatHex(rdata));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && typeCode == other.typeCode && Arrays.equals(rdata, other.rdata);
        }

        @Override
        public int hashCode() {
            return 31 * typeCode + Arrays.hashCode(rdata);
        }

        @Override
        public String toString() {
            return "Unknown[TYPE" + typeCode + ", " + HexFormat.of().formatHex(rdata) + "]";
        }
    }
}

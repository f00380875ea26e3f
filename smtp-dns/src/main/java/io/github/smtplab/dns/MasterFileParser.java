package io.github.smtplab.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.github.smtplab.dns.internal.ZoneLine;
import io.github.smtplab.dns.internal.ZoneToken;
import io.github.smtplab.dns.internal.ZoneTokenizer;

/**
 * Reads a zone from an RFC 1035 §5 master file: {@code $ORIGIN}, {@code $TTL} (RFC 2308 §4), {@code @},
 * relative names, blank owners (same as the line before), parentheses spanning lines, {@code ;} comments and
 * quoted strings with {@code \X} and {@code \DDD} escapes. Types A, AAAA, MX, TXT, CNAME, NS, SOA, PTR.
 *
 * <p>The text is read one octet per {@code char} (ISO-8859-1), so UTF-8 inside TXT strings passes through
 * unchanged as octets. {@code $INCLUDE} is not supported (a server must not read files a zone names).
 */
public final class MasterFileParser {

    /** Largest master file read, in octets: a lab zone, not the root zone. */
    public static final int MAX_FILE_SIZE = 4 * 1024 * 1024;

    private MasterFileParser() {}

    /** Parses a file; {@code origin} is the zone's name (the initial {@code $ORIGIN}, RFC 1035 §5.1). */
    public static ZoneParseResult parse(Path file, DomainName origin) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            return new ZoneParseResult.Failed(0, "zone file larger than " + MAX_FILE_SIZE + " octets");
        }
        return parse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), origin);
    }

    /**
     * Parses a file whose zone name is not given, as {@code dns serve --zone FILE} needs. The origin is, in
     * order: the name of a {@code $ORIGIN} line before the first record; the owner of the SOA record when
     * written absolute (with a final dot); the file name without {@code .zone} or {@code .db}, e.g.
     * {@code example.com.zone} gives {@code example.com.}. Otherwise the result is {@link ZoneParseResult.Failed}.
     */
    public static ZoneParseResult parse(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_SIZE) {
            return new ZoneParseResult.Failed(0, "zone file larger than " + MAX_FILE_SIZE + " octets");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Optional<DomainName> origin;
        try {
            origin = inferOrigin(text, file.getFileName() == null ? "" : file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return new ZoneParseResult.Failed(0, e.getMessage());
        }
        if (origin.isEmpty()) {
            return new ZoneParseResult.Failed(0, "cannot tell the zone's name: start " + file
                    + " with $ORIGIN, write the SOA owner with a final dot, or name the file ZONE.zone");
        }
        return parse(text, origin.get());
    }

    /** The origin a file declares or implies (see {@link #parse(Path)}), if any. */
    static Optional<DomainName> inferOrigin(String text, String fileName) {
        for (ZoneLine line : ZoneTokenizer.lines(text)) {
            List<ZoneToken> t = line.tokens();
            String first = t.get(0).text();
            if (!line.startsWithBlank() && first.equalsIgnoreCase("$ORIGIN") && t.size() > 1
                    && DomainName.endsWithUnescapedDot(t.get(1).text())) {
                return Optional.of(DomainName.of(t.get(1).text()));
            }
            if (first.startsWith("$")) {
                continue;
            }
            boolean soa = t.stream().anyMatch(k -> !k.quoted() && k.text().equalsIgnoreCase("SOA"));
            if (soa && !line.startsWithBlank() && DomainName.endsWithUnescapedDot(first)) {
                return Optional.of(DomainName.of(first));
            }
            break; // the first record decides: later $ORIGIN lines only change relative names
        }
        String base = fileName.replaceFirst("(?i)\\.(zone|db)$", "");
        if (base.equals(fileName) || base.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DomainName.of(base));
        } catch (IllegalArgumentException notAName) {
            return Optional.empty();
        }
    }

    /** Parses master-file text; {@code origin} is the zone's name (the initial {@code $ORIGIN}, RFC 1035 §5.1). */
    public static ZoneParseResult parse(String text, DomainName origin) {
        State state = new State(origin);
        List<ResourceRecord> records = new ArrayList<>();
        try {
            for (ZoneLine line : ZoneTokenizer.lines(text)) {
                state.line = line.number();
                Optional<ResourceRecord> rr = parseLine(line, state);
                rr.ifPresent(records::add);
            }
            return new ZoneParseResult.Parsed(new Zone(origin, records));
        } catch (IllegalArgumentException e) {
            return new ZoneParseResult.Failed(state.line, e.getMessage());
        }
    }

    /** What carries from one line to the next (RFC 1035 §5.1). */
    private static final class State {
        DomainName origin;
        DomainName lastOwner;
        Long defaultTtl;
        Long lastTtl;
        int line;

        State(DomainName origin) {
            this.origin = origin;
        }
    }

    private static Optional<ResourceRecord> parseLine(ZoneLine line, State state) {
        List<ZoneToken> tokens = line.tokens();
        int i = 0;
        String first = tokens.get(0).text();
        if (!line.startsWithBlank() && !tokens.get(0).quoted() && first.startsWith("$")) {
            switch (first.toUpperCase(java.util.Locale.ROOT)) {
                case "$ORIGIN" -> {
                    state.origin = name(arg(tokens, 1, "$ORIGIN"), state.origin);
                    return Optional.empty();
                }
                case "$TTL" -> {
                    state.defaultTtl = ttl(arg(tokens, 1, "$TTL"));
                    return Optional.empty();
                }
                case "$INCLUDE" -> throw new IllegalArgumentException("$INCLUDE is not supported");
                default -> throw new IllegalArgumentException("unknown directive " + first);
            }
        }
        DomainName owner;
        if (line.startsWithBlank()) {
            if (state.lastOwner == null) {
                throw new IllegalArgumentException("a blank owner needs a previous record (RFC 1035 §5.1)");
            }
            owner = state.lastOwner;
        } else {
            owner = name(first, state.origin);
            i = 1;
        }
        Long ttl = null;
        // TTL and class may come in either order before the type (RFC 1035 §5.1).
        for (int k = 0; k < 2 && i < tokens.size(); k++) {
            String t = tokens.get(i).text();
            if (ttl == null && isTtl(t)) {
                ttl = ttl(t);
                i++;
            } else if (t.equalsIgnoreCase("IN")) {
                i++;
            } else if (t.equalsIgnoreCase("CH") || t.equalsIgnoreCase("HS") || t.equalsIgnoreCase("CS")) {
                throw new IllegalArgumentException("only class IN is served, not " + t);
            }
        }
        String typeText = arg(tokens, i, "record type");
        RecordType type = RecordType.fromMnemonic(typeText)
                .orElseThrow(() -> new IllegalArgumentException("unknown record type " + typeText));
        List<ZoneToken> rdata = tokens.subList(i + 1, tokens.size());
        RecordData data = rdata(type, rdata, state.origin);
        if (ttl == null) {
            ttl = state.defaultTtl != null ? state.defaultTtl : state.lastTtl;
        }
        if (ttl == null) {
            ttl = data instanceof RecordData.Soa soa ? soa.minimum() : null;
        }
        if (ttl == null) {
            throw new IllegalArgumentException("no TTL: give one on the record or with $TTL (RFC 2308 §4)");
        }
        state.lastOwner = owner;
        state.lastTtl = ttl;
        return Optional.of(ResourceRecord.in(owner, ttl, data));
    }

    private static RecordData rdata(RecordType type, List<ZoneToken> t, DomainName origin) {
        String mnemonic = type.mnemonic();
        return switch (mnemonic) {
            case "A" -> new RecordData.A(ipv4(exactly(t, 1, "A").get(0).text()));
            case "AAAA" -> new RecordData.Aaaa(ipv6(exactly(t, 1, "AAAA").get(0).text()));
            case "NS" -> new RecordData.Ns(name(exactly(t, 1, "NS").get(0).text(), origin));
            case "CNAME" -> new RecordData.Cname(name(exactly(t, 1, "CNAME").get(0).text(), origin));
            case "PTR" -> new RecordData.Ptr(name(exactly(t, 1, "PTR").get(0).text(), origin));
            case "MX" -> {
                exactly(t, 2, "MX");
                yield new RecordData.Mx(u16(t.get(0).text(), "MX preference"), name(t.get(1).text(), origin));
            }
            case "TXT" -> {
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("TXT needs at least one string (RFC 1035 §3.3.14)");
                }
                yield new RecordData.Txt(t.stream().map(ZoneToken::text).toList());
            }
            case "SOA" -> {
                exactly(t, 7, "SOA");
                yield new RecordData.Soa(name(t.get(0).text(), origin), name(t.get(1).text(), origin),
                        u32(t.get(2).text()), ttl(t.get(3).text()), ttl(t.get(4).text()), ttl(t.get(5).text()), ttl(t.get(6).text()));
            }
            default -> throw new IllegalArgumentException(mnemonic + " records are not supported in master files here");
        };
    }

    private static List<ZoneToken> exactly(List<ZoneToken> t, int count, String type) {
        if (t.size() != count) {
            throw new IllegalArgumentException(type + " takes " + count + " RDATA field(s), got " + t.size());
        }
        return t;
    }

    private static String arg(List<ZoneToken> tokens, int i, String what) {
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return tokens.get(i).text();
    }

    /** {@code @} is the origin; a name ending in an unescaped dot is absolute; others are relative (RFC 1035 §5.1). */
    static DomainName name(String text, DomainName origin) {
        if (text.equals("@")) {
            return origin;
        }
        if (text.equals(".")) {
            return DomainName.ROOT;
        }
        if (DomainName.endsWithUnescapedDot(text)) {
            return new DomainName(DomainName.splitLabels(text.substring(0, text.length() - 1)));
        }
        return new DomainName(DomainName.splitLabels(text)).append(origin);
    }

    private static boolean isTtl(String t) {
        return !t.isEmpty() && Character.isDigit(t.charAt(0));
    }

    /** A TTL: decimal seconds, or BIND-style units {@code 1h30m} (w, d, h, m, s). */
    static long ttl(String text) {
        long total = 0;
        long number = -1;
        for (char c : text.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c >= '0' && c <= '9') {
                number = (number < 0 ? 0 : number) * 10 + (c - '0');
                if (number > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("TTL over 32 bits: " + text);
                }
            } else {
                long unit = switch (c) {
                    case 'w' -> 604800;
                    case 'd' -> 86400;
                    case 'h' -> 3600;
                    case 'm' -> 60;
                    case 's' -> 1;
                    default -> throw new IllegalArgumentException("bad TTL " + text);
                };
                if (number < 0) {
                    throw new IllegalArgumentException("bad TTL " + text);
                }
                total += number * unit;
                if (total > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("TTL over 32 bits: " + text);
                }
                number = -1;
            }
        }
        if (number >= 0) {
            total += number;
        }
        if (text.isEmpty() || total > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("bad TTL " + text);
        }
        return total;
    }

    private static long u32(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit) || Long.parseLong(text) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit number: " + text);
        }
        return Long.parseLong(text);
    }

    private static int u16(String text, String what) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit) || Integer.parseInt(text) > 0xFFFF) {
            throw new IllegalArgumentException(what + " is not a 16-bit number: " + text);
        }
        return Integer.parseInt(text);
    }

    /** Dotted decimal, exactly four parts 0-255 (RFC 1035 §3.4.1 master-file form); no name lookup. */
    static Inet4Address ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)
                    || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            octets[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** An IPv6 literal (RFC 4291 §2.2); only hex digits, colons and dots, so the JDK never does a name lookup. */
    static Inet6Address ipv6(String text) {
        if (!text.contains(":") || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            InetAddress parsed = InetAddress.getByName(text); // a literal with ':' is parsed, never looked up
            byte[] octets = parsed.getAddress();
            if (octets.length == 4) { // ::ffff:a.b.c.d comes back as IPv4: rebuild the 16 octets
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(octets, 0, mapped, 12, 4);
                octets = mapped;
            }
            return Inet6Address.getByAddress(null, octets, null);
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
    }
}

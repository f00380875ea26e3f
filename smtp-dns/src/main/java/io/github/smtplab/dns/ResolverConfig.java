package io.github.smtplab.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link StubResolver} reaches its name servers.
 *
 * @param servers          name servers, tried in order; each an IP address and port
 * @param timeout          how long to wait for one reply
 * @param attempts         rounds over the whole server list
 * @param ednsPayloadSize  UDP payload size advertised with EDNS0 (RFC 6891 §6.2.5); 0 sends no OPT record
 * @param cacheCapacity    entries the cache holds; 0 turns the cache off
 * @param tcpOnly          ask over TCP from the start instead of UDP first (RFC 7766 §5 allows either)
 */
public record ResolverConfig(List<InetSocketAddress> servers, Duration timeout, int attempts, int ednsPayloadSize,
                             int cacheCapacity, boolean tcpOnly) {

    /** EDNS0 UDP payload size that avoids IP fragmentation on almost every path (DNS Flag Day 2020, RFC 9715). */
    public static final int DEFAULT_EDNS_PAYLOAD = 1232;

    /** The resolv.conf default timeout, 5 seconds (resolv.conf(5) "timeout:n"). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The resolv.conf default number of rounds (resolv.conf(5) "attempts:n"). */
    public static final int DEFAULT_ATTEMPTS = 2;

    /** Most servers used, as resolv.conf(5) MAXNS. */
    public static final int MAX_SERVERS = 3;

    /** Largest "timeout:n" resolv.conf accepts, in seconds (resolv.conf(5): "capped to 30"). */
    public static final int RESOLV_CONF_MAX_TIMEOUT_SECONDS = 30;

    /** Largest "attempts:n" resolv.conf accepts (resolv.conf(5): "capped to 5"). */
    public static final int RESOLV_CONF_MAX_ATTEMPTS = 5;

    /** Default cache size. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;

    /** The DNS port (RFC 1035 §4.2.1). */
    public static final int DNS_PORT = 53;

    /** Checks the values. */
    public ResolverConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a resolver needs at least one name server");
        }
        if (timeout.isNegative() || timeout.isZero() || attempts < 1) {
            throw new IllegalArgumentException("timeout must be positive and attempts at least 1");
        }
        if (ednsPayloadSize != 0 && (ednsPayloadSize < 512 || ednsPayloadSize > 0xFFFF)) {
            throw new IllegalArgumentException("EDNS0 payload size is 0 (off) or 512-65535 (RFC 6891 §6.2.5)");
        }
        if (cacheCapacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0");
        }
    }

    /** A configuration that tries UDP first. */
    public ResolverConfig(List<InetSocketAddress> servers, Duration timeout, int attempts, int ednsPayloadSize, int cacheCapacity) {
        this(servers, timeout, attempts, ednsPayloadSize, cacheCapacity, false);
    }

    /** Servers given as {@code host:port} strings (or bare addresses, port 53), with the defaults. */
    public static ResolverConfig of(String... servers) {
        List<InetSocketAddress> list = new ArrayList<>();
        for (String s : servers) {
            list.add(parseServer(s));
        }
        return new ResolverConfig(list, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_EDNS_PAYLOAD, DEFAULT_CACHE_CAPACITY);
    }

    /**
     * The longest one query may take, every try included: {@code timeout × attempts × servers}, what
     * resolv.conf(5)'s settings promise at worst. Past it the lookup fails with a timeout, however the
     * servers spread their bytes (see {@code NetworkExchanger}).
     */
    public Duration queryDeadline() {
        return timeout.multipliedBy((long) attempts * servers.size());
    }

    /** A copy with another timeout. */
    public ResolverConfig withTimeout(Duration newTimeout) {
        return new ResolverConfig(servers, newTimeout, attempts, ednsPayloadSize, cacheCapacity, tcpOnly);
    }

    /** A copy with another number of attempts. */
    public ResolverConfig withAttempts(int newAttempts) {
        return new ResolverConfig(servers, timeout, newAttempts, ednsPayloadSize, cacheCapacity, tcpOnly);
    }

    /** A copy with another cache capacity (0 turns the cache off). */
    public ResolverConfig withCacheCapacity(int capacity) {
        return new ResolverConfig(servers, timeout, attempts, ednsPayloadSize, capacity, tcpOnly);
    }

    /** A copy with another EDNS0 payload size (0: no EDNS0). */
    public ResolverConfig withEdnsPayloadSize(int size) {
        return new ResolverConfig(servers, timeout, attempts, size, cacheCapacity, tcpOnly);
    }

    /** A copy that asks over TCP only (or UDP first, when false). */
    public ResolverConfig withTcpOnly(boolean tcp) {
        return new ResolverConfig(servers, timeout, attempts, ednsPayloadSize, cacheCapacity, tcp);
    }

    /**
     * Parses {@code 127.0.0.1:5353}, {@code [::1]:5353}, {@code ::1} or {@code 192.0.2.1} (port 53).
     * Only IP literals: a resolver cannot use DNS to find its own servers.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static InetSocketAddress parseServer(String text) {
        String host = text;
        int port = DNS_PORT;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + text);
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("expected ':' after ']' in " + text);
                }
                port = port(text.substring(close + 2), text);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text.substring(text.indexOf(':') + 1), text);
        }
        return new InetSocketAddress(literal(host, text), port);
    }

    private static int port(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(digits) > 0xFFFF) {
            throw new IllegalArgumentException("bad port in " + text);
        }
        return Integer.parseInt(digits);
    }

    private static InetAddress literal(String host, String text) {
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":") && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("a name server must be an IP address: " + text);
        }
        if (ipv4) {
            return MasterFileParser.ipv4(host); // strict dotted quad, never a name lookup
        }
        try {
            return InetAddress.getByName(host); // contains ':': parsed as an IPv6 literal, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in " + text);
        }
    }

    /** Where a Unix system keeps its resolver configuration (resolv.conf(5)). */
    public static final Path SYSTEM_RESOLV_CONF = Path.of("/etc/resolv.conf");

    /**
     * The system's configuration: {@code /etc/resolv.conf} ({@link #SYSTEM_RESOLV_CONF}) read by {@link #fromResolvConf(Path)}.
     * A missing file means the name server on 127.0.0.1 with the defaults, as resolv.conf(5) says for a
     * system without one.
     *
     * @throws java.io.UncheckedIOException if the file exists but cannot be read
     */
    public static ResolverConfig system() {
        return fromResolvConfOrDefaults(SYSTEM_RESOLV_CONF);
    }

    /** {@link #system()} for another file (tests). */
    static ResolverConfig fromResolvConfOrDefaults(Path file) {
        try {
            return Files.exists(file) ? fromResolvConf(file) : fromResolvConf("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads {@code /etc/resolv.conf}-style text (see {@link #fromResolvConf(String)}). */
    public static ResolverConfig fromResolvConf(Path file) throws IOException {
        return fromResolvConf(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads resolv.conf(5) text: {@code nameserver ADDRESS} lines (at most {@link #MAX_SERVERS}) and
     * {@code options timeout:N attempts:N}; other lines and bad addresses are skipped. No server at all
     * means 127.0.0.1, as in resolv.conf(5).
     */
    public static ResolverConfig fromResolvConf(String text) {
        List<InetSocketAddress> servers = new ArrayList<>();
        Duration timeout = DEFAULT_TIMEOUT;
        int attempts = DEFAULT_ATTEMPTS;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words[0].equals("nameserver") && words.length >= 2 && servers.size() < MAX_SERVERS) {
                try {
                    servers.add(new InetSocketAddress(literal(words[1].replaceFirst("%.*$", ""), words[1]), DNS_PORT));
                } catch (IllegalArgumentException skipped) {
                    // resolv.conf(5): an entry that is not an address is ignored
                }
            } else if (words[0].equals("options")) {
                for (int i = 1; i < words.length; i++) {
                    if (words[i].matches("timeout:\\d{1,2}")) {
                        timeout = Duration.ofSeconds(Math.max(1, Math.min(RESOLV_CONF_MAX_TIMEOUT_SECONDS, Integer.parseInt(words[i].substring(8)))));
                    } else if (words[i].matches("attempts:\\d{1,2}")) {
                        attempts = Math.max(1, Math.min(RESOLV_CONF_MAX_ATTEMPTS, Integer.parseInt(words[i].substring(9))));
                    }
                }
            }
        }
        if (servers.isEmpty()) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
        }
        return new ResolverConfig(servers, timeout, attempts, DEFAULT_EDNS_PAYLOAD, DEFAULT_CACHE_CAPACITY);
    }
}

/**
 * A DNS stub resolver and a small authoritative server, from the wire format up.
 *
 * <p>RFCs implemented: RFC 1035 (domain names: implementation and specification: message format §4, name
 * compression §4.1.4, UDP and TCP §4.2, master files §5), RFC 1034 §3.6.2 and §5.3 (CNAME chains, stub
 * resolvers), RFC 3596 (AAAA), RFC 3597 (unknown record types), RFC 6891 (EDNS0), RFC 7766 (DNS over TCP),
 * RFC 2181 §5.2, §8, §9 (RRset TTLs, TTL range, truncation), RFC 2308 (negative answers and caching),
 * RFC 4343 (case insensitivity), RFC 5452 (resolver defences against forged replies), RFC 8020 (empty
 * non-terminals), RFC 5321 §5.1 (MX selection), RFC 7505 (null MX).
 *
 * <p>Start with {@link io.github.smtplab.dns.DnsResolver}, {@link io.github.smtplab.dns.StubResolver},
 * {@link io.github.smtplab.dns.MxSelector} and {@link io.github.smtplab.dns.ZoneServer}; the wire format is in
 * {@link io.github.smtplab.dns.MessageCodec}. See docs/smtp-dns.md for an MX lookup byte by byte.
 */
package io.github.smtplab.dns;

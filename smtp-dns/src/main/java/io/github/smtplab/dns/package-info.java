/**
 * A DNS stub resolver and a small authoritative server, from the wire format up.
 *
 * <p>RFCs implemented: RFC 1035 (domain names: implementation and specification), RFC 3596 (AAAA),
 * RFC 6891 (EDNS0), RFC 7766 (DNS over TCP), RFC 2308 (negative caching), RFC 5321 §5.1 (MX selection),
 * RFC 7505 (null MX).
 */
package io.github.smtplab.dns;

package io.github.smtplab.dns;

/**
 * Why a lookup got no answer at all. Every kind is a temporary failure for SPF (RFC 7208 §5 "temperror"),
 * DKIM (RFC 6376 §6.1.2 TEMPFAIL) and DMARC: unlike NXDOMAIN or NODATA, it says nothing about the data.
 */
public enum FailureKind {
    /** The server answered SERVFAIL (RFC 1035 §4.1.1). */
    SERVFAIL,
    /** The server refused the query, e.g. not its zone and no recursion (RFC 1035 §4.1.1). */
    REFUSED,
    /** No acceptable reply from any server within the timeouts. */
    TIMEOUT,
    /** Replies came but could not be decoded (RFC 1035 §4.1), or used an unexpected RCODE. */
    BAD_RESPONSE,
    /** A CNAME chain looped or grew past its bound (RFC 1034 §3.6.2). */
    CNAME_LOOP,
    /** The network refused: no route, connection refused, socket error. */
    NETWORK_ERROR
}

/**
 * Helpers of smtp-tls that are nobody else's business (not exported): host-name and IP-literal
 * classification for SNI (RFC 6066 §3), the peer description for transcripts, the opportunistic
 * trust manager (RFC 7435) and in-memory {@code SSLContext} construction.
 */
package io.github.smtplab.tls.internal;

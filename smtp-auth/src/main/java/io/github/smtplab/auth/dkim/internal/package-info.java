/**
 * DKIM internals, not exported: cutting a message into header fields and body, the header data a signature
 * covers (RFC 6376 §3.7, §5.4.2), key encodings (RFC 6376 §3.6.1, RFC 8463 §4, RFC 8410), base64 tag values,
 * domain syntax, and folding the DKIM-Signature field (RFC 5322 §2.1.1).
 */
package io.github.smtplab.auth.dkim.internal;

/**
 * The SASL mechanisms as small pure state machines (no I/O, no base64 framing), client and server side:
 * PLAIN (RFC 4616 §2), LOGIN (draft-murchison-sasl-login-00 §2), CRAM-MD5 (RFC 2195 §2) and
 * SCRAM-SHA-256 (RFC 5802 §5, §7; RFC 7677), with the primitives they share ({@code Hi}, HMAC, constant-time
 * comparison) and the per-address failure counter. Not exported.
 */
package io.github.smtplab.auth.sasl.internal;

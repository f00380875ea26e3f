/**
 * SASL authentication for SMTP (RFC 4954): the mechanisms PLAIN (RFC 4616), LOGIN (draft-murchison-sasl-login-00), CRAM-MD5 (RFC 2195) and SCRAM-SHA-256 (RFC 5802, RFC 7677), each a small pure state machine for both sides; a credential store of salted verifiers; the AUTH server extension.
 */
package io.github.smtplab.auth.sasl;

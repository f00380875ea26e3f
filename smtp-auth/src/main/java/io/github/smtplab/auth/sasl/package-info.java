/**
 * SASL authentication for SMTP (RFC 4954): who is speaking, for users.
 *
 * <ul>
 *   <li>RFC 4954 — the AUTH extension: {@link io.github.smtplab.auth.sasl.AuthExtension} (server, for
 *       smtp-core's engine), {@link io.github.smtplab.auth.sasl.PasswordAuthentication} (client).</li>
 *   <li>RFC 4422 — SASL: challenges, responses, outcome; mechanism names ({@link io.github.smtplab.auth.sasl.Mechanism}).</li>
 *   <li>RFC 4616 — PLAIN; draft-murchison-sasl-login-00 — LOGIN; RFC 2195 — CRAM-MD5;
 *       RFC 5802 and RFC 7677 — SCRAM-SHA-256 without channel binding (GS2 header {@code n,,}).</li>
 *   <li>RFC 6409 — submission: MAIL only after AUTH ({@code 530 5.7.0}), senders owned by the user
 *       ({@link io.github.smtplab.auth.sasl.SenderRule}, {@code 553 5.7.1}), relaying only when authenticated.</li>
 *   <li>RFC 8018 — PBKDF2, for the verifiers of {@link io.github.smtplab.auth.sasl.UsersFile}.</li>
 * </ul>
 *
 * <p>Normalisation: none beyond UTF-8. User names and passwords are compared as their UTF-8 octets on
 * both sides; SASLprep (RFC 4013, obsoleted by RFC 8265) is not applied. See docs/smtp-auth-sasl.md.
 */
package io.github.smtplab.auth.sasl;

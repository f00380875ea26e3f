/**
 * A conformance suite for SMTP servers: {@link io.github.smtplab.conformance.Probe probes} read from a
 * line-based text file ({@link io.github.smtplab.conformance.ProbeFile}), run by a
 * {@link io.github.smtplab.conformance.ProbeRunner} over plain sockets with its own
 * {@link io.github.smtplab.conformance.ReplyReader}, each giving an
 * {@link io.github.smtplab.conformance.Outcome}; the reports turn outcomes into console text, JSON,
 * JUnit XML or one self-contained HTML page.
 *
 * <p>RFCs the probes check:
 * <ul>
 *   <li>RFC 5321 — SMTP: greeting, EHLO/HELO, command order, replies, limits, null reverse-path, postmaster,
 *       dot-stuffing, relaying;</li>
 *   <li>RFC 1870 SIZE, RFC 2920 PIPELINING, RFC 3030 CHUNKING/BDAT, RFC 3461 DSN, RFC 6152 8BITMIME,
 *       RFC 6531 SMTPUTF8, RFC 2034 and RFC 3463 enhanced status codes;</li>
 *   <li>RFC 3207 STARTTLS (with CVE-2011-0411, plaintext injection), RFC 8314 implicit TLS;</li>
 *   <li>RFC 4954 AUTH, RFC 4616 PLAIN; RFC 6409 message submission;</li>
 *   <li>SMTP smuggling: end-of-data sequences other than CRLF.CRLF (CVE-2023-51764/51765/51766).</li>
 * </ul>
 */
package io.github.smtplab.conformance;

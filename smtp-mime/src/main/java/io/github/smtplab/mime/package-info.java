/**
 * Internet messages and MIME: a builder ({@link io.github.smtplab.mime.Message#builder()}) and a parser
 * ({@link io.github.smtplab.mime.MessageParser}), with the codecs they rest on. The header alone:
 * {@link io.github.smtplab.mime.HeaderBlock} (read the fields, find the body, prepend fields) and
 * {@link io.github.smtplab.mime.HeaderBlockBuffer} (gather it from chunks); the one folder
 * ({@link io.github.smtplab.mime.HeaderFolding}) and the one comment skipper ({@link io.github.smtplab.mime.Cfws}).
 *
 * <p>RFCs implemented:
 * <ul>
 *   <li>RFC 5322 — Internet Message Format: header fields, folding, addresses, dates, Message-ID, Bcc;</li>
 *   <li>RFC 2045, 2046, 2049 — MIME: Content-Type, Content-Transfer-Encoding, quoted-printable, base64,
 *       multipart, message/rfc822, conformance;</li>
 *   <li>RFC 2047 — encoded words in headers;</li>
 *   <li>RFC 2231 — parameter value continuations, charsets and languages;</li>
 *   <li>RFC 2183 — Content-Disposition; RFC 2387 — multipart/related; RFC 2392 — Content-ID;</li>
 *   <li>RFC 4648 — base64 (the project's only implementation, also used by SASL);</li>
 *   <li>RFC 6152 — 8BITMIME (transfer-encoding choice and the 7-bit downgrade); RFC 6532 — UTF-8 header
 *       text is read.</li>
 * </ul>
 */
package io.github.smtplab.mime;

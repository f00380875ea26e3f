/**
 * smtp-pop3: the reading side of mail, POP3 on a Maildir.
 *
 * <ul>
 *   <li>the engine, without sockets: {@link io.github.smtplab.pop3.Pop3CommandParser} (lines to
 *       {@link io.github.smtplab.pop3.Pop3Command}s), {@link io.github.smtplab.pop3.Pop3Session} (the
 *       AUTHORIZATION → TRANSACTION → UPDATE state machine), {@link io.github.smtplab.pop3.Pop3Response};</li>
 *   <li>the maildrop: {@link io.github.smtplab.pop3.MailStore} and its Maildir implementation
 *       {@link io.github.smtplab.pop3.MaildirStore};</li>
 *   <li>the edges: {@link io.github.smtplab.pop3.Pop3Server} (sockets, TLS, deadlines) and
 *       {@link io.github.smtplab.pop3.Pop3Client}.</li>
 * </ul>
 *
 * <p>RFCs implemented:
 * <ul>
 *   <li>RFC 1939 — Post Office Protocol, Version 3: states, USER/PASS, APOP, STAT, LIST, RETR, DELE,
 *       NOOP, RSET, TOP, UIDL, QUIT, byte-stuffed multi-line responses;</li>
 *   <li>RFC 2449 — POP3 Extension Mechanism: CAPA, response codes, [IN-USE], line limits, PIPELINING;</li>
 *   <li>RFC 3206 — The SYS and AUTH POP Response Codes;</li>
 *   <li>RFC 5034 — The POP3 SASL Authentication Mechanism (AUTH), with smtp-auth's mechanisms;</li>
 *   <li>RFC 2595 §4 — STLS; RFC 8314 §3 — implicit TLS (port 995).</li>
 * </ul>
 */
package io.github.smtplab.pop3;

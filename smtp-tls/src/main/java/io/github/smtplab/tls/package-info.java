/**
 * smtp-tls: TLS for the smtp-core server and client, on JSSE.
 *
 * <p>RFCs implemented:
 * <ul>
 *   <li>RFC 3207 — SMTP Service Extension for Secure SMTP over TLS (STARTTLS): {@link io.github.smtplab.tls.StartTlsExtension},
 *       {@link io.github.smtplab.tls.ServerTls}, {@link io.github.smtplab.tls.JsseClientTls};</li>
 *   <li>RFC 8314 — Cleartext Considered Obsolete: implicit TLS for submission (§3, port 465),
 *       TLS 1.2 or later (§4.1), the TLS details in the Received field (§4.3, written by smtp-core);</li>
 *   <li>RFC 7435 — Opportunistic Security: unauthenticated TLS between MTAs;</li>
 *   <li>RFC 6125 and RFC 2818 §3.1 — host name verification (JSSE endpoint identification);</li>
 *   <li>RFC 6066 §3 — Server Name Indication (host names only, no IP literals);</li>
 *   <li>RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 8996 (no TLS 1.0 or 1.1);</li>
 *   <li>RFC 7468 — PEM textual encoding; RFC 5208 (PKCS#8), RFC 8017 §A.1.2 (PKCS#1 RSA keys),
 *       RFC 5915 (SEC1 EC keys); RFC 5280 — the X.509 profile of the development certificates.</li>
 * </ul>
 */
package io.github.smtplab.tls;

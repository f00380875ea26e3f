/**
 * Sender Policy Framework: check_host() and the Received-SPF field (RFC 7208).
 *
 * <ul>
 *   <li>{@link io.github.smtplab.auth.spf.SpfChecker}: check_host() (§4) for the MAIL FROM (§2.4) and HELO
 *       (§2.3) identities: record selection (§4.5), every mechanism (§5) and modifier (§6), macros (§7),
 *       the limits of §4.6.4 (10 DNS-querying terms, 2 void lookups).</li>
 *   <li>{@link io.github.smtplab.auth.spf.SpfOutcome} and {@link io.github.smtplab.auth.spf.SpfResult}: the
 *       seven results of §2.6 with the explanation of §6.2.</li>
 *   <li>{@link io.github.smtplab.auth.spf.ReceivedSpf}: the Received-SPF trace field (§9.1).</li>
 * </ul>
 */
package io.github.smtplab.auth.spf;

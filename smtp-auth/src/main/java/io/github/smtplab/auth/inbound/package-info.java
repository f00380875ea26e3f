/**
 * Inbound domain checks, the part of an MX that asks "who sent this?" before storing a message: SPF for MAIL
 * FROM and HELO (RFC 7208), DKIM (RFC 6376, RFC 8463), DMARC for every Author Domain (RFC 9989), reported in
 * Authentication-Results (RFC 8601) and Received-SPF (RFC 7208 §9.1).
 *
 * <ul>
 *   <li>{@link io.github.smtplab.auth.inbound.InboundChecker}: the settings (authserv-id, resolver, policy
 *       enforcement, time budget, header limits); {@code check(identities, bytes)} for a message in memory.</li>
 *   <li>{@link io.github.smtplab.auth.inbound.MessageCheck}: one message checked while it streams by: header
 *       block kept, DKIM body hashed on the fly.</li>
 *   <li>{@link io.github.smtplab.auth.inbound.InboundVerdict}: deliver (with the fields to prepend) or refuse
 *       (with the reply); {@link io.github.smtplab.auth.inbound.InboundReport}: the typed results.</li>
 *   <li>{@link io.github.smtplab.auth.inbound.InboundCheckDelivery}: the checks as a smtp-core
 *       delivery ({@link io.github.smtplab.core.ServerHooks#onData}), spooling the body to disk while it arrives.</li>
 * </ul>
 */
package io.github.smtplab.auth.inbound;

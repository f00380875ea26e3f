/**
 * DomainKeys Identified Mail: signing and verifying.
 *
 * <p>RFCs implemented:
 * <ul>
 *   <li>RFC 6376 — DKIM signatures: tag lists (§3.2), canonicalization (§3.4), the DKIM-Signature field (§3.5),
 *       key records (§3.6.1), computing and verifying the hashes (§3.7, §5, §6).</li>
 *   <li>RFC 8463 — the {@code ed25519-sha256} algorithm.</li>
 *   <li>RFC 8301 — {@code rsa-sha1} no longer accepted, RSA keys of at least 1024 bits.</li>
 *   <li>RFC 8601 §2.7.1 — the result keywords (pass, fail, neutral, temperror, permerror).</li>
 * </ul>
 *
 * <p>Start with {@link io.github.smtplab.auth.dkim.DkimVerifier} and {@link io.github.smtplab.auth.dkim.DkimSigner}.
 */
package io.github.smtplab.auth.dkim;

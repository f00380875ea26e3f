/**
 * DMARC: policy discovery by the DNS tree walk, identifier alignment and the policy result (RFC 9989, draft-ietf-dmarc-dmarcbis-41).
 *
 * <ul>
 *   <li>{@link io.github.smtplab.auth.dmarc.DmarcRecord}: the policy record and its tags (§4.7); the tags
 *       RFC 9989 removed (pct, rf, ri) and unknown ones are ignored.</li>
 *   <li>{@link io.github.smtplab.auth.dmarc.DmarcEvaluator}: policy discovery (§4.10.1) and Organizational
 *       Domains (§4.10.2) by the DNS tree walk, never a Public Suffix List; relaxed and strict alignment
 *       (§4.4); p, sp, np and t; the result and disposition.</li>
 *   <li>{@link io.github.smtplab.auth.dmarc.SpfInput} (the SPF domain and its typed
 *       {@link io.github.smtplab.auth.spf.SpfResult}) and the {@link io.github.smtplab.auth.dkim.DkimResult}s of
 *       the DKIM verifier: the authentication results DMARC consumes, typed (§5.3.3).</li>
 *   <li>{@link io.github.smtplab.auth.dmarc.AuthorDomains}: which domains the From field names, and when a
 *       message must not escape evaluation (§5.3.1, §11.5).</li>
 * </ul>
 */
package io.github.smtplab.auth.dmarc;

/**
 * DMARC: policy discovery by the DNS tree walk, identifier alignment and the policy result (RFC 9989, draft-ietf-dmarc-dmarcbis-41).
 *
 * <ul>
 *   <li>{@link io.github.smtplab.auth.dmarc.DmarcRecord}: the policy record and its tags (§4.7); the tags
 *       RFC 9989 removed (pct, rf, ri) and unknown ones are ignored.</li>
 *   <li>{@link io.github.smtplab.auth.dmarc.DmarcEvaluator}: policy discovery (§4.10.1) and Organizational
 *       Domains (§4.10.2) by the DNS tree walk, never a Public Suffix List; relaxed and strict alignment
 *       (§4.4); p, sp, np and t; the result and disposition.</li>
 *   <li>{@link io.github.smtplab.auth.dmarc.SpfInput} and {@link io.github.smtplab.auth.dmarc.DkimInput}: the
 *       authentication results DMARC consumes, as plain values.</li>
 * </ul>
 */
package io.github.smtplab.auth.dmarc;

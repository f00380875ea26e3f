/**
 * DMARC: policy discovery by the DNS tree walk, identifier alignment and the policy result (RFC 9989, draft-ietf-dmarc-dmarcbis-41).
 */
package io.github.smtplab.auth.dmarc;

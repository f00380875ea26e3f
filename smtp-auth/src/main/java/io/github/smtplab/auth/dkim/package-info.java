/**
 * DomainKeys Identified Mail: signing and verifying (RFC 6376; RFC 8463 for Ed25519; RFC 8301 for algorithms and key sizes).
 */
package io.github.smtplab.auth.dkim;

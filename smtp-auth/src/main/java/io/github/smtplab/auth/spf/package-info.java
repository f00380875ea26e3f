/**
 * Sender Policy Framework: check_host() and the Received-SPF field (RFC 7208).
 */
package io.github.smtplab.auth.spf;

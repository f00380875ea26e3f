/**
 * The Authentication-Results header field (RFC 8601): format and parse.
 */
package io.github.smtplab.auth.results;

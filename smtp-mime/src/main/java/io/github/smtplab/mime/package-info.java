/**
 * Internet messages and MIME.
 *
 * <p>RFCs implemented: RFC 5322 (Internet Message Format), RFC 2045, 2046, 2049 (MIME), RFC 2047
 * (encoded words), RFC 2231 (parameter value continuations and charsets), RFC 4648 (base64).
 */
package io.github.smtplab.mime;

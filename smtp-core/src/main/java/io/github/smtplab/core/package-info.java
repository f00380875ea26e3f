/**
 * The SMTP protocol engine, without sockets ("sans-I/O"): bytes and lines in, replies and events out.
 *
 * <p>RFCs implemented: RFC 5321 (SMTP), RFC 3463 (enhanced status codes), RFC 2034
 * (ENHANCEDSTATUSCODES), RFC 1870 (SIZE), RFC 2920 (PIPELINING), RFC 6152 (8BITMIME), RFC 6531
 * (SMTPUTF8), RFC 3030 (CHUNKING/BDAT), RFC 3461 (DSN parameters); the command syntax of RFC 3207
 * (STARTTLS) and RFC 4954 (AUTH), whose behaviour extensions plug in.
 */
package io.github.smtplab.core;

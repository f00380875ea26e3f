/**
 * Explanations shared by {@code demo} and {@code inspect}: the sentence bundles of each language
 * ({@link io.github.smtplab.lab.explain.Messages}), a header taken apart (RFC 5321 §4.4 trace fields,
 * RFC 8601 Authentication-Results, RFC 6376 §3.5 DKIM-Signature tags), a MIME tree as rows
 * (RFC 2045, RFC 2046), and safe file names for extracted attachments (RFC 2183 §2.3).
 */
package io.github.smtplab.lab.explain;

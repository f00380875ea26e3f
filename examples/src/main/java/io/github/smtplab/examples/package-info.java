/**
 * Examples, one job each: {@link io.github.smtplab.examples.BuildMessage} (smtp-mime, RFC 5322 and MIME),
 * {@link io.github.smtplab.examples.ResolveMx} (smtp-dns, RFC 1035 and RFC 5321 section 5.1),
 * {@link io.github.smtplab.examples.CheckAuthentication} (smtp-auth: SPF RFC 7208, DKIM RFC 6376, DMARC
 * RFC 9989, Authentication-Results RFC 8601), {@link io.github.smtplab.examples.SendMail} (smtp-core's
 * client, RFC 5321) and {@link io.github.smtplab.examples.ServerWithHook} (smtp-core's server and its hooks).
 */
package io.github.smtplab.examples;

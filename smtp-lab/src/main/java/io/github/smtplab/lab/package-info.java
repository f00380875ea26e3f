/**
 * The {@code ./smtplab} command line: {@code serve}, {@code send}, and the commands of the other modules.
 *
 * <p>RFCs: none of its own. It shows RFC 5321 (SMTP) at work through smtp-core, RFC 5322 and MIME through
 * smtp-mime, RFC 1035 through smtp-dns; RFC 6409 (message submission) for the roles of {@code serve}.
 */
package io.github.smtplab.lab;

/**
 * The outbound queue of a mail transfer agent: what a submission server accepts for other domains waits in a
 * {@link io.github.smtplab.relay.Spool} (one file per message, written and fsynced before the 250, so a crash
 * loses nothing), and a {@link io.github.smtplab.relay.QueueRunner} delivers it.
 *
 * <p>RFCs implemented:
 * <ul>
 *   <li>RFC 5321 §5.1: the mail hosts of a domain are its MX records by preference, or the domain itself
 *       (the implicit MX); the first host that completes a dialogue decides;</li>
 *   <li>RFC 5321 §4.5.4 (§4.5.4.1): a temporary failure (4yz, no answer, DNS trouble) is retried later,
 *       with growing waits, until a maximum age; a permanent one (5yz) is not;</li>
 *   <li>RFC 3464 and RFC 6522: a failure is reported to the sender as a
 *       {@code multipart/report} delivery status notification ({@link io.github.smtplab.relay.Bounce}),
 *       sent from the null reverse-path {@code <>}, and a bounce never bounces (RFC 5321 §4.5.5);</li>
 *   <li>RFC 7505: a domain whose only MX is {@code 0 .} accepts no mail: a permanent failure at once;</li>
 *   <li>RFC 6152 §3: to a host without 8BITMIME, 8-bit body parts go re-encoded as 7-bit MIME (the
 *       client's {@code SevenBitEncoder} option, set once by the runner).</li>
 * </ul>
 *
 * <p>TLS comes through smtp-core's hook: put a {@code ClientTls} (smtp-tls's {@code JsseClientTls}) and a
 * policy in the {@link io.github.smtplab.relay.QueueRunner.Settings}' client options. Run the queue in the
 * background with a {@link io.github.smtplab.relay.QueueWorker}, which survives any failure of one run.
 * See docs/smtp-relay.md.
 */
package io.github.smtplab.relay;

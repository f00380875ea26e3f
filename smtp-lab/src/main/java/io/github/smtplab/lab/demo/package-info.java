/**
 * {@code ./smtplab demo}: the seed's mail path run live on loopback and told line by line.
 *
 * <p>How it fits: {@link io.github.smtplab.lab.demo.Demo} runs the servers and the client;
 * {@code DialogueRecorder} turns each client's transcript into {@link io.github.smtplab.lab.demo.DialogueLine}s
 * that know which command each reply answers (RFC 5321 §4.1, RFC 2920 §3.1 for pipelining);
 * {@code Pop3Recorder} does the same for Bob's POP3 session of the last step, {@code Pop3Step}
 * (RFC 1939, RFC 2449 CAPA, RFC 8314 implicit TLS);
 * {@code Annotations} chooses the sentence for each line from the language bundles; the
 * {@link io.github.smtplab.lab.demo.Story} collects them for the console and for
 * {@link io.github.smtplab.lab.demo.HtmlPage}, the sequence diagram of {@code demo --html}.
 */
package io.github.smtplab.lab.demo;

/**
 * smtp-lab: the {@code ./smtplab} command. It owns no protocol: it wires the other modules together.
 */
module io.github.smtplab.lab {
    requires io.github.smtplab.core;
    requires io.github.smtplab.mime;
    requires io.github.smtplab.dns;
    requires io.github.smtplab.relay;
    requires io.github.smtplab.auth;
    requires io.github.smtplab.tls;
    requires io.github.smtplab.pop3;
    requires io.github.smtplab.conformance;
    requires io.github.smtplab.exercises;
    requires info.picocli;
    requires java.logging;

    opens io.github.smtplab.lab to info.picocli;
    opens io.github.smtplab.lab.learn to info.picocli;
}

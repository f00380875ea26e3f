/**
 * Small programs that reuse smtplab's library modules the way an application would: through their exported
 * API packages only. Each has a {@code main} and is run by {@code ./mvnw verify} (ExamplesTest).
 */
module io.github.smtplab.examples {
    requires io.github.smtplab.core;
    requires io.github.smtplab.mime;
    requires io.github.smtplab.dns;
    requires io.github.smtplab.auth;
}

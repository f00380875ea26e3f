package io.github.smtplab.lab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The logging set-up of {@code ./smtplab} on a terminal: the servers log through {@link System.Logger}, and
 * only warnings are worth a line there ({@code --debug} shows everything). Named by the system property
 * {@code java.util.logging.config.class}, so {@link LogManager} reads it only when something logs for the
 * first time: a command that never logs ({@code dig}, {@code --version}) does not pay for setting logging up.
 */
public final class QuietLogging {

    /** Called by {@link LogManager} when it starts. */
    public QuietLogging() throws IOException {
        String config = """
                handlers = java.util.logging.ConsoleHandler
                .level = WARNING
                java.util.logging.ConsoleHandler.level = ALL
                """;
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.ISO_8859_1)));
    }
}

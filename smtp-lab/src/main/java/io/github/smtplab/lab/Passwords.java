package io.github.smtplab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Where a client command finds a password: never a flag, since flags show in {@code ps}. */
final class Passwords {

    private Passwords() {}

    /** The first line of {@code passwordFile} when given, else {@code $SMTPLAB_PASSWORD}; a usage error when neither. */
    static String read(Path passwordFile, CommandSpec spec) throws IOException {
        if (passwordFile != null) {
            return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        String fromEnvironment = System.getenv("SMTPLAB_PASSWORD");
        if (fromEnvironment == null) {
            throw new ParameterException(spec.commandLine(), "--user needs --password-file or the SMTPLAB_PASSWORD environment variable");
        }
        return fromEnvironment;
    }
}

package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.Scram;
import io.github.smtplab.mime.Base64Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A users file: one user per line, salted verifiers only, {@code #} comments and blank lines ignored.
 *
 * <pre>
 *   alice:pbkdf2-sha256$ITER$SALT$HASH:scram-sha-256$ITER$SALT$STOREDKEY$SERVERKEY
 *   bob:pbkdf2-sha256$...:scram-sha-256$...:cram-md5-secret$PASSWORD-IN-BASE64
 * </pre>
 *
 * Binary values are base64 (RFC 4648 §4). The optional third field holds CRAM-MD5's recoverable secret,
 * written only when the administrator asked for CRAM-MD5 for that user: it is the password itself (base64
 * is not encryption), so a stolen file gives those users' passwords away. The file is written with
 * permissions {@code rw-------} where the file system supports them.
 */
public final class UsersFile implements CredentialStore {

    /** The largest users file read, against a mistaken path (a mail spool, a disk image). */
    public static final long MAX_FILE_OCTETS = 16L * 1024 * 1024;

    private static final String PBKDF2 = "pbkdf2-sha256";
    private static final String SCRAM = "scram-sha-256";
    private static final String CRAM = "cram-md5-secret";

    private final Map<String, UserCredentials> users;

    private UsersFile(Map<String, UserCredentials> users) {
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** A file with no users. */
    public static UsersFile empty() {
        return new UsersFile(Map.of());
    }

    /** Reads a users file; a missing file is an error (use {@link #readOrEmpty} to create one). */
    public static UsersFile read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_OCTETS) {
            throw new IOException(file + ": larger than " + MAX_FILE_OCTETS + " octets, not a users file");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads a users file, or returns an empty one if the file does not exist yet. */
    public static UsersFile readOrEmpty(Path file) throws IOException {
        return Files.exists(file) ? read(file) : empty();
    }

    /**
     * Parses the text of a users file.
     *
     * @throws IOException naming the line that does not follow the format
     */
    public static UsersFile parse(String text) throws IOException {
        Map<String, UserCredentials> users = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                UserCredentials user = parseLine(line);
                if (users.putIfAbsent(user.username(), user) != null) {
                    throw new IllegalArgumentException("user " + user.username() + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("users file, line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new UsersFile(users);
    }

    private static UserCredentials parseLine(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("expected user:" + PBKDF2 + "$...:" + SCRAM + "$...[:" + CRAM + "$...]");
        }
        String[] p = parts(fields[1], PBKDF2, 4);
        PasswordHash password = new PasswordHash(number(p[1]), base64(p[2]), base64(p[3]));
        String[] s = parts(fields[2], SCRAM, 5);
        ScramCredentials scram = new ScramCredentials(base64(s[2]), number(s[1]), base64(s[3]), base64(s[4]));
        Optional<String> cram = Optional.empty();
        if (fields.length == 4) {
            String[] c = parts(fields[3], CRAM, 2);
            cram = Optional.of(new String(base64(c[1]), StandardCharsets.UTF_8));
        }
        return new UserCredentials(fields[0], password, scram, cram);
    }

    private static String[] parts(String field, String scheme, int count) {
        String[] parts = field.split("\\$", -1);
        if (parts.length != count || !parts[0].equals(scheme)) {
            throw new IllegalArgumentException("expected " + scheme + " with " + (count - 1) + " values");
        }
        return parts;
    }

    private static int number(String text) {
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("not an iteration count: " + text);
        }
        return Integer.parseInt(text);
    }

    private static byte[] base64(String text) {
        return Scram.base64(text).orElseThrow(() -> new IllegalArgumentException("not base64: " + text));
    }

    /** The text of the file. */
    public String format() {
        StringBuilder out = new StringBuilder("# smtplab users: salted verifiers (PBKDF2-HMAC-SHA256, SCRAM-SHA-256); see docs/smtp-auth-sasl.md\n");
        for (UserCredentials u : users.values()) {
            PasswordHash p = u.password();
            ScramCredentials s = u.scram();
            out.append(u.username())
                    .append(':').append(PBKDF2).append('$').append(p.iterations()).append('$').append(Base64Codec.encode(p.salt()))
                    .append('$').append(Base64Codec.encode(p.hash()))
                    .append(':').append(SCRAM).append('$').append(s.iterations()).append('$').append(Base64Codec.encode(s.salt()))
                    .append('$').append(Base64Codec.encode(s.storedKey())).append('$').append(Base64Codec.encode(s.serverKey()));
            u.cramSecret().ifPresent(secret -> out.append(':').append(CRAM).append('$')
                    .append(Base64Codec.encode(secret.getBytes(StandardCharsets.UTF_8))));
            out.append('\n');
        }
        return out.toString();
    }

    /** This file with {@code user} added, or replacing the user of the same name. */
    public UsersFile with(UserCredentials user) {
        Map<String, UserCredentials> copy = new LinkedHashMap<>(users);
        copy.put(user.username(), user);
        return new UsersFile(copy);
    }

    /** This file without the user called {@code username}. */
    public UsersFile without(String username) {
        Map<String, UserCredentials> copy = new LinkedHashMap<>(users);
        copy.remove(username);
        return new UsersFile(copy);
    }

    /** The users, in file order. */
    public Map<String, UserCredentials> users() {
        return users;
    }

    /** Writes the file: a temporary file beside it, owner-only permissions, then an atomic rename. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".users-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies
            }
            Files.writeString(temp, format(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<UserCredentials> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public String toString() {
        return "UsersFile[" + users.size() + " users]";
    }
}

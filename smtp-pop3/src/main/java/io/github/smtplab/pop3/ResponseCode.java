package io.github.smtplab.pop3;

/**
 * The extended response codes of POP3, in square brackets after {@code -ERR} (RFC 2449 §8), so that a
 * client can tell a wrong password from a server in trouble and act without reading the text.
 */
public enum ResponseCode {
    /** RFC 3206 §4: the credentials were refused (bad password, unknown user, mechanism failure). */
    AUTH("AUTH"),
    /** RFC 3206 §3: a temporary problem on the server: try again later, nothing is wrong with the user. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §3: a permanent problem on the server: retrying will not help. */
    SYS_PERM("SYS/PERM"),
    /** RFC 2449 §8.1.2: the mailbox is in use by another session. */
    IN_USE("IN-USE");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    /** The code as written between the brackets, e.g. {@code SYS/TEMP}. */
    public String wire() {
        return wire;
    }
}

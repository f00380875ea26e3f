package io.github.smtplab.pop3;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the octets of one message come from when RETR or TOP sends it: opened only when the response is
 * written, read in chunks, so that a huge message never sits in memory.
 */
@FunctionalInterface
public interface MessageSource {

    /** A new stream over the message as stored; the caller closes it. */
    InputStream open() throws IOException;
}

package io.github.smtplab.core.net;

import java.net.SocketTimeoutException;

/**
 * A wait of the client ran past its deadline ({@link ReplyDeadlines}): the reply was not complete in time,
 * or a write of data did not finish. An I/O failure, like any timeout: the delivery attempt failed and
 * may be tried again later.
 */
public final class DeadlineExceededException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }
}

/**
 * Exercise 05: the server's command order (RFC 5321 sections 4.1.4, 4.1.1.5 and 3.3).
 */
final class CommandOrder {

    /** The reply code for one command line, e.g. {@code "MAIL FROM:<a@b>"} gives 250 or 503. */
    int reply(String line) {
        throw new UnsupportedOperationException("exercise 05: write reply()");
    }

    /** The message after DATA has been received: 250, and the transaction is over. */
    int endOfData() {
        throw new UnsupportedOperationException("exercise 05: write endOfData()");
    }
}

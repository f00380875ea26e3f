import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Exercise 25 (capstone): your own SMTP server on raw {@code java.net} sockets, delivering into a Maildir.
 * Everything from exercises 01-06 comes together here. Add classes of your own in this folder as you like.
 */
final class CapstoneServer {

    private CapstoneServer() {}

    /**
     * Serves SMTP clients on the listener, one connection after the other, until the listener is closed
     * (then it returns). Each accepted message is written to {@code maildir/tmp/} and moved to
     * {@code maildir/new/}.
     *
     * @param listener a bound server socket
     * @param hostname the name in the greeting and the EHLO reply, e.g. {@code mx.exemple.com}
     * @param maildir  the Maildir (its tmp/, new/ and cur/ folders are created if missing)
     */
    static void serve(ServerSocket listener, String hostname, Path maildir) throws IOException {
        throw new UnsupportedOperationException("exercise 25: write serve()");
    }
}

package io.github.smtplab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One server connection: reads what the client sends, gives it to the {@link ServerSession}, writes the
 * replies back (all replies of one read in one write, RFC 2920 §3.2), and does what the engine asks
 * (close, start TLS). No protocol decision is taken here.
 *
 * <p>Memory: an idle connection holds a small read buffer ({@value #COMMAND_BUFFER} octets: command
 * lines are at most 512, RFC 5321 §4.5.3.1.4); the large buffer for message content exists only while a
 * message is arriving.
 */
final class ServerConnection {

    static final int COMMAND_BUFFER = 1024;
    static final int DATA_BUFFER = 64 * 1024;

    private Socket socket;
    private final ServerSession session;
    private final TlsInfo implicitTls;
    private final TlsUpgrade tlsUpgrade;
    private volatile boolean shuttingDown;
    /** True while the thread waits for a command outside any transaction: safe to interrupt for shutdown. */
    private volatile boolean idle;

    ServerConnection(Socket socket, ServerSession session, TlsInfo implicitTls, TlsUpgrade tlsUpgrade) {
        this.socket = socket;
        this.session = session;
        this.implicitTls = implicitTls;
        this.tlsUpgrade = tlsUpgrade;
    }

    void run() throws IOException {
        try {
            converse();
        } finally {
            // close what the session speaks on: for TLS this sends close_notify (RFC 8446 §6.1) before the
            // socket underneath is closed
            SmtpServer.closeQuietly(socket);
        }
    }

    private void converse() throws IOException {
        if (implicitTls != null) {
            session.tlsStarted(implicitTls);   // RFC 8314 §3: TLS first, then the SMTP greeting
        }
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        write(out, session.start().replies());
        byte[] buffer = new byte[COMMAND_BUFFER];
        while (!session.isClosed()) {
            int n;
            idle = !session.inTransaction();
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                write(out, session.timeout().replies());   // §4.5.3.2: 421 4.4.2
                return;
            } catch (IOException e) {
                if (shuttingDown && !session.inTransaction()) {
                    return;
                }
                session.connectionLost();
                throw e;
            } finally {
                idle = false;
            }
            if (n < 0) {
                if (shuttingDown && !session.inTransaction()) {
                    write(out, session.shutdown().replies());
                } else {
                    session.connectionLost();   // nothing half-received is ever delivered
                }
                return;
            }
            ServerSession.Output output = session.receive(ByteBuffer.wrap(buffer, 0, n));
            write(out, output.replies());
            switch (output.action()) {
                case CLOSE -> {
                    return;
                }
                case START_TLS -> {
                    if (tlsUpgrade == null) {
                        throw new IllegalStateException("an extension offered STARTTLS but the server has no TlsUpgrade");
                    }
                    TlsUpgrade.Upgraded upgraded = tlsUpgrade.upgrade(socket);
                    socket = upgraded.socket();
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                    session.tlsStarted(upgraded.info());
                }
                case CONTINUE -> { }
            }
            if (shuttingDown && !session.inTransaction()) {
                write(out, session.shutdown().replies());   // the transaction in progress is done: now 421
                return;
            }
            boolean receivingMessage = session.state() == ServerSession.State.DATA || session.state() == ServerSession.State.BDAT;
            if (receivingMessage != (buffer.length == DATA_BUFFER)) {
                buffer = new byte[receivingMessage ? DATA_BUFFER : COMMAND_BUFFER];
            }
        }
    }

    /** Tells a client with no open transaction 421 and closes; others finish their transaction first. */
    void beginShutdown() {
        shuttingDown = true;
        if (idle) {
            try {
                socket.shutdownInput();   // the reader sees end of stream, then says 421
            } catch (IOException | UnsupportedOperationException e) {
                forceClose();              // TLS sockets cannot half-close: just close
            }
        }
    }

    /** Sends 421 on a connection accepted while the server is closing. */
    void refuseShuttingDown() throws IOException {
        socket.getOutputStream().write(session.shutdown().replies().getFirst().toBytes());
    }

    void forceClose() {
        SmtpServer.closeQuietly(socket);
    }

    private static void write(OutputStream out, List<Reply> replies) throws IOException {
        if (replies.isEmpty()) {
            return;
        }
        if (replies.size() == 1) {
            out.write(replies.getFirst().toBytes());
        } else {
            StringBuilder all = new StringBuilder();
            replies.forEach(r -> all.append(r.format()));
            out.write(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.flush();
    }
}

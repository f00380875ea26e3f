package io.github.smtplab.lab;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.pop3.Pop3Transcript;
import java.io.PrintWriter;

/** Prints a dialogue as it happens, SMTP or POP3: {@code C:} for the client, {@code S:} for the server. */
final class ConsoleTranscript implements TranscriptListener, Pop3Transcript {

    private final PrintWriter out;
    private final String prefix;

    ConsoleTranscript(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    @Override
    public void clientLine(String line) {
        print("C: " + line);
    }

    @Override
    public void serverReply(Reply reply) {
        for (String line : reply.format().split("\r\n")) {
            print("S: " + line);
        }
    }

    /** A POP3 server's line (status, listing or challenge). */
    @Override
    public void serverLine(String line) {
        print("S: " + line);
    }

    @Override
    public void messageContent(long octets) {
        print("   (" + octets + " octets of message content)");
    }

    @Override
    public void event(String description) {
        print("** " + description);
    }

    private void print(String line) {
        synchronized (out) {
            out.println(prefix + line);
            out.flush();
        }
    }
}

package io.github.smtplab.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.core.DataDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of the POP3 engine. Inputs come from the grammar (message lines that start with dots, empty
 * lines, "." alone; sequences of TRANSACTION commands) and from hostile bytes (any octet, any split).
 */
class Pop3Properties {

    /** Lines that a message may hold, the tricky ones first: a dot alone, dots at the start, empty lines. */
    private static final List<String> LINES = List.of(".", "..", ". x", ".a", "", "a", "Subject: x", " folded", "\u00e9t\u00e9", "\0nul");

    /** A message made of CRLF lines taken from {@link #LINES}. */
    private static Gen<byte[]> messages() {
        return lists().of(arbitrary().pick(LINES)).ofSizeBetween(0, 20).map(lines -> {
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l).append("\r\n"));
            return text.toString().getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    /**
     * RFC 1939 §3 (byte-stuffing of multi-line responses, SMTP's rule): whatever a message holds, a client
     * that removes the stuffing gets back exactly the stored octets, and the block ends at the one
     * {@code CRLF.CRLF} the server added.
     */
    @Test
    void retrByteStuffingRoundTrips() {
        qt().withExamples(1000).forAll(messages()).checkAssert(message -> {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            try {
                ResponseWriter.write(List.of(new Pop3Response.Content(message.length + " octets",
                        () -> new java.io.ByteArrayInputStream(message), OptionalInt.empty())), wire);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            byte[] sent = wire.toByteArray();
            int firstLineEnd = indexOfCrlf(sent) + 2;
            byte[] block = Arrays.copyOfRange(sent, firstLineEnd, sent.length);
            assertThat(DataDecoder.unstuff(block)).isEqualTo(message);
        });
    }

    /** One TRANSACTION command, as the model sees it. */
    private record Op(String verb, int message) {
        String line() {
            return verb.equals("RSET") || verb.equals("NOOP") || verb.equals("STAT") || verb.equals("LIST") ? verb : verb + " " + message;
        }
    }

    private static Gen<Op> ops() {
        return arbitrary().pick(List.of("DELE", "DELE", "RETR", "RSET", "NOOP", "STAT", "LIST", "TOP"))
                .zip(integers().between(1, 5), Op::new);
    }

    /**
     * RFC 1939 §6: the maildrop changes only in UPDATE, entered by QUIT from TRANSACTION. For any sequence
     * of DELE, RSET, RETR, TOP, NOOP, STAT and LIST: ended by a dropped connection, nothing is deleted;
     * ended by QUIT, exactly the messages marked since the last RSET are deleted.
     */
    @Test
    void nothingIsDeletedWithoutQuit() {
        qt().withExamples(300).forAll(lists().of(ops()).ofSizeBetween(0, 25), booleans().all()).checkAssert((ops, quit) -> {
            InMemoryMailStore store = new InMemoryMailStore().with("bob", "a\r\n", "b\r\n", "c\r\n", "d\r\n");
            List<String> before = store.uniqueIds("bob");
            Pop3Session session = Fixtures.session(Fixtures.inClear(), store);
            session.start();
            receive(session, "USER bob\r\nPASS " + Fixtures.BOB_PASSWORD + "\r\n");
            TreeSet<Integer> marked = new TreeSet<>();
            for (Op op : ops) {
                receive(session, op.line() + "\r\n");
                if (op.verb().equals("DELE") && op.message() <= before.size()) {
                    marked.add(op.message() - 1);
                } else if (op.verb().equals("RSET")) {
                    marked.clear();
                }
            }
            if (quit) {
                receive(session, "QUIT\r\n");
            }
            session.end();
            List<String> expected = new ArrayList<>(before);
            if (quit) {
                marked.descendingSet().forEach(i -> expected.remove((int) i));
            }
            assertThat(store.uniqueIds("bob")).isEqualTo(expected);
            assertThat(store.locked).isEmpty();
        });
    }

    /** A whole session's client bytes: login, every TRANSACTION command, pipelined commands, QUIT. */
    private static final byte[] SESSION = ("CAPA\r\nUSER bob\r\nPASS " + Fixtures.BOB_PASSWORD + "\r\nSTAT\r\nLIST\r\nUIDL 2\r\n"
            + "RETR 1\r\nTOP 2 1\r\nDELE 1\r\nRETR 1\r\nRSET\r\nNOOP\r\nXTND\r\nLIST 9\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII);

    /**
     * RFC 1939 §3 and RFC 2449 §6.6 (pipelining): TCP may deliver the client's bytes in any pieces; every
     * split of the same session gives the same responses, in the same order, as one read of it all.
     */
    @Test
    void everyByteSplitGivesTheSameResponses() {
        List<String> whole = run(new int[0]);
        assertThat(whole).contains("+OK bob's maildrop has 2 messages (" + (Fixtures.FIRST.length() + Fixtures.SECOND.length()) + " octets)",
                "+OK pop.exemple.com signing off (0 messages deleted)");
        qt().withExamples(300).forAll(lists().of(integers().between(0, SESSION.length)).ofSizeBetween(1, 40)).checkAssert(cuts -> {
            int[] sorted = cuts.stream().mapToInt(Integer::intValue).sorted().toArray();
            assertThat(run(sorted)).isEqualTo(whole);
        });
    }

    /** Feeds {@link #SESSION} cut at {@code cuts} (sorted) to a fresh session; returns every response line. */
    private static List<String> run(int[] cuts) {
        Pop3Session session = Fixtures.session(Fixtures.inClear(), Fixtures.store(),
                new AuthFailures(Fixtures.inClear().auth(), Instant::now));
        List<String> lines = new ArrayList<>(Dialogue.render(session.start().responses()));
        int from = 0;
        for (int cut : cuts) {
            lines.addAll(Dialogue.render(session.receive(ByteBuffer.wrap(SESSION, from, cut - from)).responses()));
            from = cut;
        }
        lines.addAll(Dialogue.render(session.receive(ByteBuffer.wrap(SESSION, from, SESSION.length - from)).responses()));
        return lines;
    }

    /**
     * Hostile input (RFC 1939 §3 grammar broken in every way: any octet, CR/LF anywhere, NUL, 8-bit,
     * over-long lines): the parser never throws, and the session answers only +OK or -ERR lines in
     * printable US-ASCII, before or after login.
     */
    @Test
    void hostileBytesGetTypedAnswersNeverAnException() {
        Gen<byte[]> soup = lists().of(arbitrary().pick(List.of((byte) '\r', (byte) '\n', (byte) 0, (byte) 0xFF, (byte) ' ',
                (byte) '.', (byte) 'A', (byte) 'U', (byte) 'S', (byte) 'E', (byte) 'R', (byte) '1'))).ofSizeBetween(0, 600).map(list -> {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i);
            }
            return bytes;
        });
        qt().withExamples(500).forAll(soup, booleans().all()).checkAssert((bytes, loggedIn) -> {
            Pop3CommandParser.parse(bytes);
            Pop3Session session = Fixtures.session(Fixtures.inClear(), Fixtures.store());
            session.start();
            if (loggedIn) {
                receive(session, "USER bob\r\nPASS " + Fixtures.BOB_PASSWORD + "\r\n");
            }
            Pop3Session.Output output = session.receive(ByteBuffer.wrap(bytes));
            for (Pop3Response response : output.responses()) {
                assertThat(response.firstLine()).matches("(\\+OK|-ERR|\\+ )[\\x20-\\x7E]*");
            }
            session.end();
        });
    }

    private static void receive(Pop3Session session, String text) {
        session.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static int indexOfCrlf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF");
    }
}

package io.github.smtplab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maildir view: snapshot, UIDL from the unique name, seen and deletions at UPDATE only, the lock. */
class MaildirStoreTest {

    @TempDir
    Path root;

    private Path bob() {
        return root.resolve("bob@exemple.com");
    }

    private void put(String sub, String name, String content) throws Exception {
        Files.createDirectories(bob().resolve(sub));
        Files.writeString(bob().resolve(sub).resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private MailboxSnapshot open(MaildirStore store, String user) {
        return ((MailStore.OpenResult.Opened) store.open(user)).mailbox();
    }

    @Test
    void newAndCurInDeliveryOrderWithUniqueNamesAsUidl() throws Exception {
        put("new", "1700000002.M2P9Q2.mx", "Subject: b\r\n\r\nb\r\n");
        put("cur", "1700000001.M1P9Q1.mx:2,S", "Subject: a\r\n\r\na\r\n");
        put("tmp", "1700000003.M3P9Q3.mx", "in progress");
        MailboxSnapshot box = open(new MaildirStore(root, Optional.empty()), "bob");
        assertThat(box.messages()).extracting(MailboxSnapshot.Entry::uniqueId)
                .containsExactly("1700000001.M1P9Q1.mx", "1700000002.M2P9Q2.mx");
        box.release();
    }

    @Test
    void sizesCountLineEndingsAsCrlf() throws Exception {
        assertThat(MaildirSnapshot.octetsAsSent(in("a\r\nb\r\n"))).isEqualTo(6);
        assertThat(MaildirSnapshot.octetsAsSent(in("a\nb\n"))).isEqualTo(6);       // LF alone is sent as CRLF
        assertThat(MaildirSnapshot.octetsAsSent(in("a\rb"))).isEqualTo(6);         // bare CR too, and a final CRLF
        assertThat(MaildirSnapshot.octetsAsSent(in(""))).isZero();
    }

    @Test
    void uniqueIdsOutsideUidlsGrammarBecomeAStableDigest() {
        String odd = "x".repeat(80);
        assertThat(MaildirSnapshot.uniqueId(odd)).startsWith("sha256-").hasSize(55).isEqualTo(MaildirSnapshot.uniqueId(odd));
        assertThat(MaildirSnapshot.uniqueId("1700000001.M1P9Q1.mx\\057host")).isEqualTo("1700000001.M1P9Q1.mx\\057host");
    }

    @Test
    void updateDeletesAndMarksSeenThenTheUidlIsTheSame() throws Exception {
        put("new", "1700000001.M1P9Q1.mx", "Subject: a\r\n\r\na\r\n");
        put("new", "1700000002.M2P9Q2.mx", "Subject: b\r\n\r\nb\r\n");
        put("cur", "1700000003.M3P9Q3.mx:2,F", "Subject: c\r\n\r\nc\r\n");
        MaildirStore store = new MaildirStore(root, Optional.of("exemple.com"));
        MailboxSnapshot box = open(store, "bob");
        assertThat(box.update(Set.of(1), Set.of(0, 2))).isZero();
        assertThat(Files.list(bob().resolve("new")).toList()).isEmpty();
        assertThat(Files.list(bob().resolve("cur")).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("1700000001.M1P9Q1.mx:2,S", "1700000003.M3P9Q3.mx:2,FS");
        MailboxSnapshot again = open(store, "bob@exemple.com");
        assertThat(again.messages()).extracting(MailboxSnapshot.Entry::uniqueId)
                .containsExactly("1700000001.M1P9Q1.mx", "1700000003.M3P9Q3.mx");
        again.release();
    }

    @Test
    void releaseChangesNothingAndMailArrivingDuringTheSessionWaits() throws Exception {
        put("new", "1700000001.M1P9Q1.mx", "Subject: a\r\n\r\na\r\n");
        MaildirStore store = new MaildirStore(root, Optional.empty());
        MailboxSnapshot box = open(store, "bob");
        put("new", "1700000009.M9P9Q9.mx", "Subject: late\r\n\r\nlate\r\n");
        assertThat(box.messages()).hasSize(1);
        box.release();
        assertThat(Files.exists(bob().resolve("new").resolve("1700000001.M1P9Q1.mx"))).isTrue();
        MailboxSnapshot next = open(store, "bob");
        assertThat(next.messages()).hasSize(2);
        next.release();
    }

    @Test
    void secondSessionIsInUseUntilTheFirstEnds() throws Exception {
        MaildirStore store = new MaildirStore(root, Optional.empty());
        put("new", "1700000001.M1P9Q1.mx", "x\r\n");
        MailboxSnapshot first = open(store, "bob");
        assertThat(store.open("bob")).isInstanceOf(MailStore.OpenResult.InUse.class);
        first.release();
        assertThat(store.open("bob")).isInstanceOf(MailStore.OpenResult.Opened.class);
    }

    @Test
    void aUserWithoutMailHasAnEmptyMaildropAndOddNamesStayInsideTheRoot() throws Exception {
        MaildirStore store = new MaildirStore(root, Optional.of("exemple.com"));
        MailboxSnapshot box = open(store, "nobody");
        assertThat(box.messages()).isEmpty();
        box.release();
        assertThat(store.maildirOf("../etc@exemple.com")).isInstanceOfSatisfying(MaildirStore.MaildirResult.Found.class,
                found -> assertThat(found.directory().getParent()).isEqualTo(root.toAbsolutePath().normalize()));
    }

    @Test
    void aMaildirWrittenByMaildirDeliveryIsReadBack() throws Exception {
        byte[] message = "Subject: hello\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Path> files = SmtpDelivery.deliverToBob(root, message);
        MailboxSnapshot box = open(new MaildirStore(root, Optional.empty()), "bob");
        assertThat(box.messages()).hasSize(1);
        assertThat(box.messages().getFirst().size()).isEqualTo(Files.size(files.getFirst()));   // stored with CRLF
        assertThat(box.messages().getFirst().uniqueId()).isEqualTo(files.getFirst().getFileName().toString());
        try (InputStream in = box.source(0).open()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(files.getFirst()));
        }
        box.release();
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}

package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

/**
 * Apache mime4j (an independent parser, test scope only) reads what our builder writes: same decoded
 * subject and addresses, same tree of media types, same decoded body octets and file names.
 */
class Mime4jOracleTest {

    /** One leaf as an independent parser sees it: media type, file name, decoded octets. */
    record Seen(String mimeType, String filename, byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Seen s && mimeType.equals(s.mimeType) && java.util.Objects.equals(filename, s.filename)
                    && java.util.Arrays.equals(body, s.body);
        }

        @Override
        public int hashCode() {
            return mimeType.hashCode();
        }

        @Override
        public String toString() {
            return mimeType + " " + filename + " " + body.length + " octets";
        }
    }

    private static void walkMime4j(Entity e, List<String> types, List<Seen> leaves) throws IOException {
        types.add(e.getMimeType());
        Body body = e.getBody();
        if (body instanceof Multipart mp) {
            for (Entity child : mp.getBodyParts()) {
                walkMime4j(child, types, leaves);
            }
        } else if (body instanceof SingleBody sb) {
            try (InputStream in = sb.getInputStream()) {
                leaves.add(new Seen(e.getMimeType(), e.getFilename(), in.readAllBytes()));
            }
        }
    }

    private static void walkOurs(MimePart p, List<String> types, List<Seen> leaves) {
        types.add(p.contentType().mimeType());
        switch (p) {
            case MimePart.Multipart mp -> mp.parts().forEach(c -> walkOurs(c, types, leaves));
            case MimePart.Leaf l -> leaves.add(new Seen(l.contentType().mimeType(), p.filename().orElse(null), l.body()));
            case MimePart.Encapsulated en -> walkOurs(en.message(), types, leaves);
        }
    }

    /**
     * RFC 2045–2047, 2231, 5322: for generated messages mime4j agrees with our parser on the decoded
     * Subject, From/To/Cc, the media-type tree, every leaf's decoded octets and file name.
     */
    @Test
    void mime4jReadsWhatWeWrite() {
        qt().withExamples(300).forAll(MessageModel.models()).checkAssert(m -> {
            byte[] bytes = m.builder().build().bytes();
            try {
                org.apache.james.mime4j.dom.Message theirs = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(bytes));
                ParsedMessage ours = Message.parse(bytes);
                // mime4j keeps the space after the colon of an empty field; RFC 5322 §3.2.2 makes it insignificant
                assertThat(theirs.getSubject().strip()).isEqualTo(ours.subject().orElseThrow());
                Mailbox from = theirs.getFrom().get(0);
                assertThat(from.getAddress()).isEqualTo("alice@monentreprise.fr");
                assertThat(from.getName()).isEqualTo("Alice");
                assertThat(theirs.getTo().flatten().get(0).getAddress()).isEqualTo("bob@exemple.com");
                assertThat(theirs.getCc().flatten().get(0).getName()).isEqualTo("Charlie");
                assertThat(theirs.getBcc()).isNull();
                List<String> theirTypes = new ArrayList<>();
                List<Seen> theirLeaves = new ArrayList<>();
                walkMime4j(theirs, theirTypes, theirLeaves);
                List<String> ourTypes = new ArrayList<>();
                List<Seen> ourLeaves = new ArrayList<>();
                walkOurs(ours.root(), ourTypes, ourLeaves);
                assertThat(theirTypes).isEqualTo(ourTypes);
                assertThat(theirLeaves).isEqualTo(ourLeaves);
                for (int i = 0; i < m.attachments().size(); i++) {
                    assertThat(ourLeaves).anyMatch(s -> m.attachments().stream().anyMatch(a -> a.name().equals(s.filename())));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Our decoded text equals mime4j's charset-decoded text body for the seed message. */
    @Test
    void seedTextAgrees() throws IOException {
        byte[] bytes = SeedMessage.builder().build().bytes();
        org.apache.james.mime4j.dom.Message theirs = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(bytes));
        Entity textPart = ((Multipart) theirs.getBody()).getBodyParts().get(0);
        String theirText;
        try (java.io.Reader r = ((TextBody) textPart.getBody()).getReader()) {
            StringBuilder sb = new StringBuilder();
            r.transferTo(new java.io.Writer() {
                @Override public void write(char[] c, int o, int n) { sb.append(c, o, n); }
                @Override public void flush() { }
                @Override public void close() { }
            });
            theirText = sb.toString();
        }
        assertThat(theirText).isEqualTo(Message.parse(bytes).text().orElseThrow());
        Entity pdf = ((Multipart) theirs.getBody()).getBodyParts().get(1);
        try (InputStream in = ((BinaryBody) pdf.getBody()).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(SeedMessage.PDF);
        }
    }
}

package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5321 §4.2: reply text is US-ASCII. Every constant of {@link Replies} is a reply the server may
 * send; each is checked here, as it travels (with and without its enhanced status).
 */
class RepliesAreAsciiTest {

    /** The {@code static final Reply} fields of a class: the replies it can send. */
    static List<Reply> replyConstants(Class<?> owner) throws IllegalAccessException {
        List<Reply> found = new ArrayList<>();
        for (Field field : owner.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class) {
                field.setAccessible(true);
                found.add((Reply) field.get(null));
            }
        }
        return found;
    }

    @Test
    void everyReplyConstantIsUsAsciiOnTheWire() throws IllegalAccessException {
        List<Reply> replies = replyConstants(Replies.class);
        assertThat(replies).hasSizeGreaterThan(20);
        for (Reply reply : replies) {
            for (Reply sent : List.of(reply, reply.withoutStatus())) {
                String wire = sent.format();
                assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(wire)).as(wire).isTrue();
                assertThat(wire).as(wire).doesNotContain("\u00a7");
                assertThat(sent.toBytes()).hasSize(wire.length());
            }
        }
    }
}

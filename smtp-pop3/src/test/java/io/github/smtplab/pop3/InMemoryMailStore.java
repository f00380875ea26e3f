package io.github.smtplab.pop3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Maildrops in memory for engine tests: records every UPDATE, enforces one session per maildrop. */
public final class InMemoryMailStore implements MailStore {

    /** A stored message. */
    record Stored(String uniqueId, byte[] bytes) {}

    final Map<String, List<Stored>> maildrops = new ConcurrentHashMap<>();
    final Set<String> locked = ConcurrentHashMap.newKeySet();
    /** Every retrieved set passed to UPDATE, in order. */
    final List<Set<String>> seen = new ArrayList<>();

    InMemoryMailStore with(String user, String... messages) {
        List<Stored> list = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            list.add(new Stored(user + "-uid-" + (i + 1), messages[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        maildrops.put(user, list);
        return this;
    }

    List<String> uniqueIds(String user) {
        return maildrops.getOrDefault(user, List.of()).stream().map(Stored::uniqueId).toList();
    }

    @Override
    public OpenResult open(String user) {
        if (!locked.add(user)) {
            return new OpenResult.InUse();
        }
        List<Stored> snapshot = List.copyOf(maildrops.getOrDefault(user, List.of()));
        return new OpenResult.Opened(new MailboxSnapshot() {
            @Override
            public List<Entry> messages() {
                return snapshot.stream().map(s -> new Entry(s.uniqueId(), s.bytes().length)).toList();
            }

            @Override
            public MessageSource source(int index) {
                return () -> new ByteArrayInputStream(snapshot.get(index).bytes());
            }

            @Override
            public int update(Set<Integer> deleted, Set<Integer> retrieved) {
                List<Stored> kept = new ArrayList<>(maildrops.getOrDefault(user, List.of()));
                for (int i : deleted) {
                    kept.remove(snapshot.get(i));
                }
                maildrops.put(user, kept);
                TreeSet<String> ids = new TreeSet<>();
                retrieved.forEach(i -> ids.add(snapshot.get(i).uniqueId()));
                seen.add(ids);
                release();
                return 0;
            }

            @Override
            public void release() {
                locked.remove(user);
            }
        });
    }
}

package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The outcomes recorded for an independent server (test resource {@code recorded/NAME.txt}), and the comparison. */
final class RecordedTable {

    private RecordedTable() {
    }

    static Map<String, String> load(String name) {
        try (InputStream in = RecordedTable.class.getResourceAsStream("/recorded/" + name + ".txt")) {
            Map<String, String> table = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    table.put(parts[0], parts[1]);
                }
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every probe whose outcome differs from the recorded one, with the detail of each. */
    static void assertMatches(String name, List<Outcome> outcomes) {
        Map<String, String> recorded = load(name);
        Map<String, Outcome> now = new LinkedHashMap<>();
        outcomes.forEach(o -> now.put(o.probe().id(), o));
        StringBuilder differences = new StringBuilder();
        for (String id : new TreeSet<>(union(recorded, now))) {
            String before = recorded.getOrDefault(id, "(absent)");
            String after = now.containsKey(id) ? now.get(id).verdict().label() : "(absent)";
            if (!before.equals(after)) {
                differences.append(id).append(": recorded ").append(before).append(", now ").append(after)
                        .append(now.containsKey(id) ? " (" + now.get(id).detail() + ")" : "").append('\n');
            }
        }
        assertThat(differences.toString()).as("outcomes against " + name + " differ from recorded/" + name + ".txt").isEmpty();
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, Outcome> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}

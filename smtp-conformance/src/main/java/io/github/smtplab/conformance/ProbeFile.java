package io.github.smtplab.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probe file format: one block per probe, one {@code keyword: value} per line, so a learner can read
 * (and add) probes without reading Java.
 *
 * <pre>
 * probe: order.rcpt-before-mail
 * title: RCPT before MAIL gets 503
 * rfc: 5321
 * section: 4.1.4
 * level: MUST
 * profiles: mx submission core          (optional: all three when absent)
 * needs: PIPELINING                     (optional: EHLO keywords, login, tls, maildir)
 * slow: yes                             (optional)
 * quote: If the commands ... are out of order ..., a 503 reply MUST be sent.
 * expectation: 503, and the session goes on
 * session:
 * send: RCPT TO:&lt;${rcpt}&gt;
 * expect: 503
 * end:
 * </pre>
 *
 * Lines starting with {@code #} and blank lines are comments. The value is everything after
 * {@code ": "}, spaces included. Parsing is a pure function: text in, probes or a {@link ParseError} out.
 */
public final class ProbeFile {

    /** The probes shipped with the suite, as a class-path resource. */
    public static final String BUILT_IN = "probes.txt";

    private ProbeFile() {
    }

    /** A line of a probe file that cannot be understood, with its line number. */
    public static final class ParseError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** @param line the 1-based line number; @param reason what is wrong */
        public ParseError(int line, String reason) {
            super("probe file line " + line + ": " + reason);
        }
    }

    /** The built-in probes (the resource {@value #BUILT_IN} beside this class). */
    public static List<Probe> builtIn() {
        try (InputStream in = ProbeFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILT_IN + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every probe of {@code text}; throws {@link ParseError} on the first bad line. */
    public static List<Probe> parse(String text) {
        List<Probe> probes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Block block = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (block == null && (line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            if (block != null && (line.isBlank() || line.startsWith("#"))) {
                continue;   // an empty line to send is written "send:", so a blank line is only layout
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new ParseError(number, "expected keyword: value, found \"" + line + "\"");
            }
            String keyword = line.substring(0, colon);
            String value = line.length() > colon + 1 && line.charAt(colon + 1) == ' ' ? line.substring(colon + 2)
                    : line.substring(colon + 1);
            if (block == null) {
                if (!keyword.equals("probe")) {
                    throw new ParseError(number, "a block starts with probe: ID");
                }
                block = new Block(value.trim(), number);
                continue;
            }
            if (keyword.equals("end")) {
                Probe probe = block.build();
                if (!ids.add(probe.id())) {
                    throw new ParseError(block.start, "duplicate probe id " + probe.id());
                }
                probes.add(probe);
                block = null;
                continue;
            }
            try {
                block.add(keyword, value);
            } catch (IllegalArgumentException e) {
                throw new ParseError(number, e.getMessage());
            }
        }
        if (block != null) {
            throw new ParseError(block.start, "probe " + block.id + " has no end: line");
        }
        return List.copyOf(probes);
    }

    /** Writes probes in the file format; {@link #parse} gives them back unchanged. */
    public static String format(List<Probe> probes) {
        StringBuilder out = new StringBuilder();
        for (Probe p : probes) {
            out.append("probe: ").append(p.id()).append('\n');
            out.append("title: ").append(p.title()).append('\n');
            out.append("rfc: ").append(p.rfc()).append('\n');
            out.append("section: ").append(p.section()).append('\n');
            out.append("level: ").append(p.level()).append('\n');
            out.append("profiles:");
            for (Profile profile : Profile.values()) {
                if (p.profiles().contains(profile)) {
                    out.append(' ').append(profile.label());
                }
            }
            out.append('\n');
            if (!p.needs().isEmpty()) {
                out.append("needs: ").append(String.join(" ", p.needs())).append('\n');
            }
            if (p.slow()) {
                out.append("slow: yes\n");
            }
            out.append("quote: ").append(p.quote()).append('\n');
            out.append("expectation: ").append(p.expectation()).append('\n');
            for (Step step : p.steps()) {
                out.append(step.line()).append('\n');
            }
            out.append("end:\n\n");
        }
        return out.toString();
    }

    /** The fields of a probe while its block is read. */
    private static final class Block {
        final String id;
        final int start;
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<Step> steps = new ArrayList<>();

        Block(String id, int start) {
            this.id = id;
            this.start = start;
        }

        void add(String keyword, String value) {
            switch (keyword) {
                case "title", "rfc", "section", "level", "profiles", "needs", "slow", "quote", "expectation" -> {
                    if (fields.put(keyword, value) != null) {
                        throw new IllegalArgumentException(keyword + " given twice");
                    }
                }
                default -> steps.add(step(keyword, value));
            }
        }

        Probe build() {
            for (String required : List.of("title", "rfc", "section", "level", "quote", "expectation")) {
                if (!fields.containsKey(required)) {
                    throw new ParseError(start, "probe " + id + " has no " + required + ":");
                }
            }
            Level level;
            try {
                level = Level.valueOf(fields.get("level").trim());
            } catch (IllegalArgumentException e) {
                throw new ParseError(start, "level is MUST, SHOULD or MAY, not " + fields.get("level"));
            }
            Set<Profile> profiles = EnumSet.allOf(Profile.class);
            if (fields.containsKey("profiles")) {
                profiles = EnumSet.noneOf(Profile.class);
                for (String word : words(fields.get("profiles"))) {
                    try {
                        profiles.add(Profile.of(word));
                    } catch (IllegalArgumentException e) {
                        throw new ParseError(start, "unknown profile " + word);
                    }
                }
            }
            String slow = fields.getOrDefault("slow", "no").trim();
            if (!slow.equals("yes") && !slow.equals("no")) {
                throw new ParseError(start, "slow: is yes or no");
            }
            try {
                return new Probe(id, fields.get("title"), fields.get("rfc").trim(), fields.get("section").trim(), level, profiles,
                        words(fields.getOrDefault("needs", "")), slow.equals("yes"), fields.get("quote"),
                        fields.get("expectation"), steps);
            } catch (IllegalArgumentException e) {
                throw new ParseError(start, e.getMessage());
            }
        }
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** One step line: {@code keyword[*N]: argument}. */
    static Step step(String keyword, String value) {
        int times = 1;
        int star = keyword.indexOf('*');
        String name = keyword;
        if (star > 0) {
            name = keyword.substring(0, star);
            try {
                times = Integer.parseInt(keyword.substring(star + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad repetition in " + keyword);
            }
            if (!name.equals("send") && !name.equals("expect")) {
                throw new IllegalArgumentException("only send and expect repeat, not " + name);
            }
            if (times < 2 || times > 10_000) {
                throw new IllegalArgumentException("a repetition is between 2 and 10000");
            }
        }
        return switch (name) {
            case "hello" -> noArgument(new Step.Hello(), value);
            case "session" -> noArgument(new Step.Session(), value);
            case "secure-hello" -> noArgument(new Step.SecureHello(), value);
            case "bdat" -> new Step.Bdat(value, false);
            case "bdat-last" -> new Step.Bdat(value, true);
            case "starttls" -> noArgument(new Step.StartTls(), value);
            case "tls-handshake" -> noArgument(new Step.TlsHandshake(), value);
            case "close" -> noArgument(new Step.Close(), value);
            case "send" -> new Step.Send(value, times);
            case "send-raw" -> new Step.SendRaw(value);
            case "expect" -> new Step.Expect(words(value), times);
            case "reply-matches" -> new Step.ReplyMatches(value);
            case "wait" -> {
                try {
                    yield new Step.Wait(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("wait: takes whole seconds, not " + value);
                }
            }
            case "delivered" -> new Step.Delivered(value);
            case "not-delivered" -> new Step.NotDelivered(value, "");
            case "not-delivered-apart" -> {
                int bar = value.indexOf(" | ");
                if (bar < 0) {
                    throw new IllegalArgumentException("not-delivered-apart: TEXT | CARRIER");
                }
                String carrier = value.substring(bar + 3);
                if (carrier.isEmpty()) {
                    throw new IllegalArgumentException("not-delivered-apart: the carrier is empty");
                }
                yield new Step.NotDelivered(value.substring(0, bar), carrier);
            }
            default -> throw new IllegalArgumentException("unknown keyword " + keyword);
        };
    }

    private static Step noArgument(Step step, String value) {
        if (!value.isEmpty()) {
            throw new IllegalArgumentException(step.keyword() + ": takes no value");
        }
        return step;
    }
}

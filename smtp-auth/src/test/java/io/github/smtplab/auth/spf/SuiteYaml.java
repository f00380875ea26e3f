package io.github.smtplab.auth.spf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for exactly the YAML subset of the openspf test suites ({@code rfc7208-tests.yml},
 * {@code rfc4408-tests.yml}): documents split by {@code ---}, each with a {@code tests:} map of test name to
 * scalar fields and a {@code zonedata:} map of name to a list of {@code - TYPE: value} entries or
 * {@code - TIMEOUT}. Scalars may be plain, single- or double-quoted (with {@code \x..} escapes), or a flow
 * list {@code [a, b]}. Block scalars ({@code |}, {@code >}) are skipped: only descriptions use them.
 */
final class SuiteYaml {

    /** One test: its name and the fields the driver needs (values are a String or a List of Strings). */
    record Test(String name, Map<String, Object> fields) {}

    /** One zone entry: a TYPE and its value (String or List), or {@code TIMEOUT} with a null value. */
    record Entry(String type, Object value) {}

    /** One document of the suite. */
    record Scenario(String description, List<Test> tests, Map<String, List<Entry>> zonedata) {}

    private SuiteYaml() {}

    static List<Scenario> parse(String text) {
        List<Scenario> scenarios = new ArrayList<>();
        String description = "";
        List<Test> tests = new ArrayList<>();
        Map<String, List<Entry>> zones = new LinkedHashMap<>();
        String section = "";
        String current = null;
        int blockIndent = -1;
        for (String raw : text.split("\n", -1)) {
            String line = raw.stripTrailing();
            int indent = line.length() - line.stripLeading().length();
            if (blockIndent >= 0) {
                if (line.isBlank() || indent > blockIndent) {
                    continue;
                }
                blockIndent = -1;
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.equals("---")) {
                if (!tests.isEmpty()) {
                    scenarios.add(new Scenario(description, tests, zones));
                }
                tests = new ArrayList<>();
                zones = new LinkedHashMap<>();
                description = "";
                section = "";
                continue;
            }
            String content = line.strip();
            if (indent == 0) {
                int colon = content.indexOf(':');
                section = content.substring(0, colon);
                if (section.equals("description")) {
                    description = scalar(content.substring(colon + 1).strip()).toString();
                }
                continue;
            }
            if (indent == 2 && content.endsWith(":")) {
                current = (String) scalar(content.substring(0, content.length() - 1));
                if (section.equals("tests")) {
                    tests.add(new Test(current, new LinkedHashMap<>()));
                } else if (section.equals("zonedata")) {
                    zones.put(current, new ArrayList<>());
                }
                continue;
            }
            if (section.equals("tests") && indent == 4) {
                int colon = content.indexOf(':');
                String key = content.substring(0, colon);
                String value = content.substring(colon + 1).strip();
                if (value.startsWith("|") || value.startsWith(">")) {
                    blockIndent = indent;
                    continue;
                }
                tests.get(tests.size() - 1).fields().put(key, scalar(value));
            } else if (section.equals("zonedata") && content.startsWith("- ")) {
                String entry = content.substring(2).strip();
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    zones.get(current).add(new Entry(entry, null));
                } else {
                    zones.get(current).add(new Entry(entry.substring(0, colon), scalar(entry.substring(colon + 1).strip())));
                }
            }
        }
        if (!tests.isEmpty()) {
            scenarios.add(new Scenario(description, tests, zones));
        }
        return scenarios;
    }

    /** A scalar or a flow list of scalars. */
    static Object scalar(String text) {
        if (text.startsWith("[")) {
            List<String> items = new ArrayList<>();
            String inner = text.substring(1, text.lastIndexOf(']')).strip();
            int i = 0;
            while (i < inner.length()) {
                char c = inner.charAt(i);
                if (c == ' ' || c == ',') {
                    i++;
                } else if (c == '"' || c == '\'') {
                    int end = closingQuote(inner, i);
                    items.add(unquote(inner.substring(i, end + 1)));
                    i = end + 1;
                } else {
                    int end = inner.indexOf(',', i);
                    end = end < 0 ? inner.length() : end;
                    items.add(inner.substring(i, end).strip());
                    i = end;
                }
            }
            return items;
        }
        if (text.startsWith("\"") || text.startsWith("'")) {
            return unquote(text.substring(0, closingQuote(text, 0) + 1));
        }
        int comment = text.indexOf(" #");
        return (comment >= 0 ? text.substring(0, comment) : text).strip();
    }

    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unclosed quote: " + text);
    }

    private static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (quoted.charAt(0) == '\'') {
            return body.replace("''", "'");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case '0' -> out.append('\0');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}

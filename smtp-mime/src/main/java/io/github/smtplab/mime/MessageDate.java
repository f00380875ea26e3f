package io.github.smtplab.mime;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Date field, RFC 5322 §3.3: {@code [day-of-week ","] day month year hour ":" minute [":" second] zone},
 * e.g. {@code Sun, 29 Nov 2026 16:39:54 +0100}.
 *
 * <p>{@link #format} writes the §3.3 form; {@link #parse} also reads the obsolete forms of §4.3: two- and
 * three-digit years, alphabetic zones (UT, GMT, EST, ...; military letters count as {@code -0000}),
 * comments and extra white space.
 */
public final class MessageDate {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /** RFC 5322 §4.3 obs-zone: the US zones and universal time. */
    private static final Map<String, Integer> OBSOLETE_ZONES = Map.of(
            "ut", 0, "gmt", 0, "est", -5, "edt", -4, "cst", -6, "cdt", -5, "mst", -7, "mdt", -6, "pst", -8, "pdt", -7);

    /** Field bodies longer than this are not dates (the longest valid form is well under 100 characters). */
    public static final int MAX_LENGTH = 500;

    private MessageDate() {}

    /** RFC 5322 §3.3: the field body for {@code time}. */
    public static String format(OffsetDateTime time) {
        return FORMAT.format(time);
    }

    /** Parses a Date field body, with §4.3 obsolete forms. Never throws. */
    public static ParseResult<OffsetDateTime> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return new ParseResult.Failed<>("longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        List<String> tokens = tokens(text);
        int i = 0;
        if (!tokens.isEmpty() && tokens.get(0).length() >= 3 && Character.isLetter(tokens.get(0).charAt(0))) {
            i++; // day-of-week (§3.3), its "," already dropped
        }
        if (tokens.size() - i < 4) {
            return new ParseResult.Failed<>("RFC 5322 §3.3: expected day month year time zone", 0);
        }
        try {
            int day = number(tokens.get(i++), 1, 2);
            int month = MONTHS.indexOf(tokens.get(i++).toLowerCase(Locale.ROOT)) + 1;
            if (month == 0) {
                return new ParseResult.Failed<>("RFC 5322 §3.3: unknown month " + tokens.get(i - 1), 0);
            }
            String yearText = tokens.get(i++);
            int year = number(yearText, 2, 4);
            if (yearText.length() == 2) {
                year += year < 50 ? 2000 : 1900; // §4.3
            } else if (yearText.length() == 3) {
                year += 1900; // §4.3
            }
            String[] hms = tokens.get(i++).split(":", -1);
            if (hms.length < 2 || hms.length > 3) {
                return new ParseResult.Failed<>("RFC 5322 §3.3: time is hh:mm[:ss]", 0);
            }
            int hour = number(hms[0], 1, 2);
            int minute = number(hms[1], 1, 2);
            int second = hms.length == 3 ? number(hms[2], 1, 2) : 0;
            if (second == 60) {
                second = 59; // §3.3 allows a leap second; java.time does not
            }
            ZoneOffset zone = i < tokens.size() ? zone(tokens.get(i)) : ZoneOffset.UTC;
            return new ParseResult.Ok<>(OffsetDateTime.of(
                    LocalDateTime.of(year, month, day, hour, minute, second), zone));
        } catch (NumberFormatException | DateTimeException e) {
            return new ParseResult.Failed<>("RFC 5322 §3.3: " + e.getMessage(), 0);
        }
    }

    /** §3.3 zone {@code ("+" / "-") 4DIGIT}, or a §4.3 obs-zone; unknown zones mean -0000 (UTC). */
    private static ZoneOffset zone(String z) {
        if ((z.startsWith("+") || z.startsWith("-")) && z.length() == 5) {
            int hh = number(z.substring(1, 3), 2, 2);
            int mm = number(z.substring(3), 2, 2);
            int sign = z.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
        }
        // "EST5EDT" and similar POSIX names seen in the wild: the letters before the digit name the zone
        String letters = z.replaceAll("[^A-Za-z].*$", "");
        Integer hours = OBSOLETE_ZONES.get(letters.toLowerCase(Locale.ROOT));
        return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
    }

    private static int number(String s, int minDigits, int maxDigits) {
        if (s.length() < minDigits || s.length() > maxDigits || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("not a " + minDigits + "-" + maxDigits + " digit number: " + s);
        }
        return Integer.parseInt(s);
    }

    /** Splits at white space and commas, dropping comments (§3.2.2). */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth > 0) {
                continue;
            } else if (Character.isWhitespace(c) || c == ',') {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else if (c == '-' || c == '+') {
                // "12:00:00+0100" without a space
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                current.append(c);
            } else {
                current.append(c);
            }
            if (c == ')' && depth == 0 && !current.isEmpty()) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }
}

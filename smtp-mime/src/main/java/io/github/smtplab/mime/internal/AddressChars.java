package io.github.smtplab.mime.internal;

/** Internal (not exported). Character classes of RFC 5322 §3.2.3 and §3.2.4, shared by the address parser and formatter. */
public final class AddressChars {

    private AddressChars() {}

    /** RFC 5322 §3.2.3 atext: ALPHA / DIGIT / one of {@code !#$%&'*+-/=?^_`{|}~}; UTF-8 (non-ASCII) allowed per RFC 6532 §3.2. */
    public static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    /** RFC 5322 §3.2.3 dot-atom-text: atext words separated by single dots. */
    public static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 §3.2.4: a quoted-string, with "\" before every DQUOTE and backslash. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}

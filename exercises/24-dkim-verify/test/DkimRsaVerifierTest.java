import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Exercise 24: each assertion names the rule of RFC 6376 and shows the input, with CR, LF and tabs visible.
 * Messages are signed here with a key made for the run; the signer is told the canonical text to sign, written
 * out by hand in each test, so it does not share your code's mistakes.
 */
class DkimRsaVerifierTest {

    private static final KeyPair KEY = rsaKey();
    private static final String KEY_RECORD = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded());

    private static final String FROM = "From: Alice <alice@monentreprise.fr>\r\n";
    private static final String SUBJECT = "Subject: Reunion demain\r\n";
    private static final String BODY = "Bonjour Bob,\r\n\r\nA demain, 10h.\r\n";

    /** RFC 8463 appendix A.2, the record of selector "test": a 1024-bit RSA key. */
    private static final String RFC_KEY = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
            + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
            + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
            + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    /** RFC 8463 appendix A.3: its rsa-sha256 signature over-signs From, Subject and Date. */
    private static final String RFC_SIGNATURE = """
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r
             d=football.example.com; i=@football.example.com;\r
             q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r
             date : message-id : from : subject : date;\r
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r
             b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r
             DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r
             dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r
            """;
    private static final List<String> RFC_FIELDS = List.of("From: Joe SixPack <joe@football.example.com>\r\n",
            "To: Suzie Q <suzie@shopping.example.net>\r\n", "Subject: Is dinner ready?\r\n",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n", "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n");
    private static final String RFC_MESSAGE = """
            DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r
             d=football.example.com; i=@football.example.com;\r
             q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r
             subject : date : message-id : from : subject : date;\r
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r
             b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r
             Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r
            """ + RFC_SIGNATURE + String.join("", RFC_FIELDS) + "\r\nHi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n";

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /**
     * A DKIM-Signature field signing {@code signedFields} (the canonical text of the fields named in h=, written
     * out by the caller) and a body whose canonical form is {@code canonicalBody}; folded as signers do.
     */
    private static String signature(String h, String signedFields, String canonicalBody) throws GeneralSecurityException {
        String bh = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        String value = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=monentreprise.fr; s=s1; h=" + h + "; bh=" + bh + "; b=";
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(KEY.getPrivate());
        rsa.update((signedFields + "dkim-signature:" + value).getBytes(StandardCharsets.UTF_8));
        String b = Base64.getEncoder().encodeToString(rsa.sign());
        return "DKIM-Signature: " + value.replace(" bh=", "\r\n\tbh=") + b.substring(0, 60) + "\r\n " + b.substring(60) + "\r\n";
    }

    private static void verifies(String message, String key, boolean expected, String rule) {
        assertThat(DkimRsaVerifier.verify(message, key)).as("%s; message \"%s\"", rule, visible(message)).isEqualTo(expected);
    }

    private static void hashInput(List<String> fields, String signatureField, String expected, String rule) {
        assertThat(visible(DkimRsaVerifier.headerHashInput(fields, signatureField)))
                .as("%s; fields %s, signature \"%s\"", rule, visible(fields.toString()), visible(signatureField)).isEqualTo(visible(expected));
    }

    @Test
    @DisplayName("RFC 6376 3.2: a tag=value list, whitespace around names and values is not part of them")
    void tagList() {
        String list = " v=1; a=rsa-sha256;\r\n\td = monentreprise.fr ; h=from : to;";
        assertThat(DkimRsaVerifier.tags(list)).as("RFC 6376 3.2: tag-spec = [FWS] tag-name [FWS] \"=\" [FWS] tag-value [FWS], a final \";\" allowed; input \"%s\"", visible(list))
                .containsExactly(entry("v", "1"), entry("a", "rsa-sha256"), entry("d", "monentreprise.fr"), entry("h", "from : to"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 6376 3.2: if a tag name does occur more than once, the entire tag-list is invalid; input \"v=1; a=rsa-sha256; v=1\"")
                .isThrownBy(() -> DkimRsaVerifier.tags("v=1; a=rsa-sha256; v=1"));
    }

    @Test
    @DisplayName("RFC 6376 3.7: the header hash input of RFC 8463's example, over-signed names contributing nothing")
    void rfcExampleInput() {
        String expected = "from:Joe SixPack <joe@football.example.com>\r\nto:Suzie Q <suzie@shopping.example.net>\r\n"
                + "subject:Is dinner ready?\r\ndate:Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
                + "message-id:<20030712040037.46341.5F8J@football.example.com>\r\n"
                + "dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=football.example.com; i=@football.example.com; "
                + "q=dns/txt; s=test; t=1528637909; h=from : to : subject : date : message-id : from : subject : date; "
                + "bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=";
        hashInput(RFC_FIELDS, RFC_SIGNATURE, expected, "RFC 6376 3.7 and 5.4.2: the h= fields in order (a name with no instance left adds nothing), "
                + "then the DKIM-Signature field with b= empty and without its trailing CRLF");
    }

    @Test
    @DisplayName("RFC 6376 5.4.2: repeated fields are taken from the bottom of the header up, each once")
    void bottomUp() {
        List<String> fields = List.of("X-Note: first\r\n", "Subject: hello\r\n", "X-Note: second\r\n");
        String signature = "DKIM-Signature: a=rsa-sha256; h=x-note:subject:x-note; b=abc\r\n";
        hashInput(fields, signature, "x-note:second\r\nsubject:hello\r\nx-note:first\r\ndkim-signature:a=rsa-sha256; h=x-note:subject:x-note; b=",
                "RFC 6376 5.4.2: signers choose header fields from the bottom of the header field block to the top; the verifier does the same, using each instance once");
        String twice = "DKIM-Signature: a=rsa-sha256; h=X-Note : X-Note : X-Note; b=abc\r\n";
        hashInput(fields, twice, "x-note:second\r\nx-note:first\r\ndkim-signature:a=rsa-sha256; h=X-Note : X-Note : X-Note; b=",
                "RFC 6376 5.4.2: names in h= compare without case; a third X-Note has no instance left and contributes the null string");
    }

    @Test
    @DisplayName("RFC 6376 3.7: the DKIM-Signature field is hashed with b= empty, bh= kept, and no trailing CRLF")
    void signatureFieldItself() {
        List<String> fields = List.of("From: a@b.example\r\n");
        hashInput(fields, "DKIM-Signature: b=xyz; bh=47DEQ=; h=from\r\n", "from:a@b.example\r\ndkim-signature:b=; bh=47DEQ=; h=from",
                "RFC 6376 3.7: the value of the b= tag (including all surrounding whitespace) is deleted, whatever its place; bh= is another tag and stays");
        hashInput(fields, "DKIM-Signature: h=from; bh=47DEQ=;\r\n b=xy\r\n  z=\r\n", "from:a@b.example\r\ndkim-signature:h=from; bh=47DEQ=; b=",
                "RFC 6376 3.7: a folded b= value is deleted whole; the field is presented without its trailing CRLF");
    }

    @Test
    @DisplayName("RFC 8463 appendix A: the RFC's rsa-sha256 example verifies, and fails once its body changes")
    void rfcExample() {
        verifies(RFC_MESSAGE, RFC_KEY, true, "RFC 6376 6.1.3 with RFC 8463 appendix A: its rsa-sha256 signature verifies with the key of selector test");
        verifies(RFC_MESSAGE.replace("We lost", "We won"), RFC_KEY, false, "RFC 6376 6.1.3: a changed body no longer matches bh=");
        verifies(RFC_MESSAGE.replace("Is dinner", "Is lunch"), RFC_KEY, false, "RFC 6376 6.1.3: a changed signed field no longer matches b=");
    }

    @Test
    @DisplayName("RFC 6376 6.1.3: a message signed here verifies, also after harmless changes in transit")
    void signedHere() throws GeneralSecurityException {
        String signed = signature("from:subject", "from:Alice <alice@monentreprise.fr>\r\nsubject:Reunion demain\r\n", BODY);
        verifies(signed + FROM + SUBJECT + "\r\n" + BODY, KEY_RECORD, true, "RFC 6376 6.1.3: the body hash matches bh= and the signature verifies with p=");
        verifies(signed + "Received: from relay\r\n" + "FROM :  Alice  <alice@monentreprise.fr>\r\n" + "Subject: Reunion\r\n\tdemain \r\n"
                + "\r\n" + BODY.replace(",", ",  ") + "\r\n\r\n", KEY_RECORD, true,
                "RFC 6376 3.4.2 and 3.4.4: re-folding, name case, whitespace and empty lines at the end do not change the relaxed forms; an unsigned field may be added");
        String quoting = "Bonjour Bob,\r\n\r\n> Subject: hello\r\nSubject: Re: hello\r\nFrom: Bob <bob@exemple.com>\r\n";
        String signedQuoting = signature("from:subject", "from:Alice <alice@monentreprise.fr>\r\nsubject:Reunion demain\r\n", quoting);
        verifies(signedQuoting + FROM + SUBJECT + "\r\n" + quoting, KEY_RECORD, true,
                "RFC 6376 3.7 with RFC 5322 2.1: the header fields end at the first empty line; body lines that look like fields are not the bottom instances");
    }

    @Test
    @DisplayName("RFC 6376 6.1.3: the body hash is checked against bh= before the signature")
    void bodyHashChecked() throws GeneralSecurityException {
        String signed = signature("from:subject", "from:Alice <alice@monentreprise.fr>\r\nsubject:Reunion demain\r\n", BODY);
        verifies(signed + FROM + SUBJECT + "\r\n" + BODY.replace("10h", "11h"), KEY_RECORD, false,
                "RFC 6376 6.1.3: if the computed body hash does not match the bh= value, the signature fails, even though b= still verifies the header");
    }

    @Test
    @DisplayName("RFC 6376 5.4.2: over-signing a field forbids adding another instance of it")
    void overSigning() throws GeneralSecurityException {
        String signed = signature("from:subject:subject", "from:Alice <alice@monentreprise.fr>\r\nsubject:Reunion demain\r\n", BODY);
        verifies(signed + FROM + SUBJECT + "\r\n" + BODY, KEY_RECORD, true,
                "RFC 6376 5.4.2: the second 'subject' of h= has no instance left and contributes the null string");
        verifies(signed + FROM + SUBJECT + "Subject: Urgent: pay this invoice\r\n" + "\r\n" + BODY, KEY_RECORD, false,
                "RFC 6376 5.4.2 and 8.15: a Subject added below the signed one is now the bottom instance, and the signature fails");
    }

    @Test
    @DisplayName("RFC 6376 3.6.1: only the right, unrevoked RSA key verifies")
    void keys() throws GeneralSecurityException {
        String message = signature("from", "from:Alice <alice@monentreprise.fr>\r\n", BODY) + FROM + "\r\n" + BODY;
        verifies(message, KEY_RECORD, true, "RFC 6376 6.1.3: the signature verifies with the key it was made with");
        verifies(message, "v=DKIM1; k=rsa; p=", false, "RFC 6376 3.6.1: an empty value of p= means that this public key has been revoked");
        verifies(message, RFC_KEY, false, "RFC 6376 6.1.3: another key does not verify the signature");
    }

    /** One word of a Subject: printable US-ASCII, no space. */
    private static Gen<List<String>> words() {
        return lists().of(strings().betweenCodePoints('!', '~').ofLengthBetween(1, 8)).ofSizeBetween(1, 6);
    }

    private static final List<String> WSP = List.of(" ", "\t", "  ", " \t ", "\r\n ", "\r\n\t", " \r\n  ");

    @Test
    @DisplayName("RFC 6376 3.4.2: changing only the whitespace of a signed value keeps the signature")
    void whitespaceOnly() {
        qt().withExamples(60).forAll(words(), lists().of(integers().between(0, WSP.size() - 1)).ofSize(6)).checkAssert((words, spaces) -> {
            StringBuilder sent = new StringBuilder("Subject:").append(WSP.get(spaces.get(0) % 2));
            for (int i = 0; i < words.size(); i++) {
                sent.append(i == 0 ? "" : WSP.get(spaces.get(i))).append(words.get(i));
            }
            String subject = sent.append(WSP.get(spaces.get(5) % 4)).append("\r\n").toString();
            verifies(sign("subject:" + String.join(" ", words) + "\r\n") + FROM + subject + "\r\n" + BODY, KEY_RECORD, true,
                    "RFC 6376 3.4.2: runs of WSP (across a fold too) count as one SP, WSP at either end of the value not at all");
        });
    }

    @Test
    @DisplayName("RFC 6376 3.4.2: any other change to a signed value breaks the signature")
    void anyOtherChange() {
        qt().withExamples(60).forAll(words(), integers().between(0, 1000), integers().between('!', '~'), integers().between(0, 1)).checkAssert((words, at, c, insertSpace) -> {
            String value = String.join(" ", words);
            int i = at % value.length();
            char replacement = (char) (value.charAt(i) == c ? (c == '~' ? '!' : c + 1) : c);
            boolean insideAWord = i > 0 && value.charAt(i) != ' ' && value.charAt(i - 1) != ' ';
            String changed = insertSpace == 1 && insideAWord ? value.substring(0, i) + " " + value.substring(i) // a space where there was none
                    : value.substring(0, i) + replacement + value.substring(i + 1);
            verifies(sign("subject:" + value + "\r\n") + FROM + "Subject: " + changed + "\r\n\r\n" + BODY, KEY_RECORD, false,
                    "RFC 6376 3.4.2: only whitespace is canonicalized; a changed character, its case, or a space inside a word changes the signed value");
        });
    }

    private static String sign(String canonicalSubject) {
        try {
            return signature("from:subject", "from:Alice <alice@monentreprise.fr>\r\n" + canonicalSubject, BODY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

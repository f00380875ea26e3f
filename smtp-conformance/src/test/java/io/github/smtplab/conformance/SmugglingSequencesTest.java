package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The twelve smuggling probes shipped in probes.txt carry exactly the byte sequences of the public list
 * (shared/conformance/smtp/smuggling-sequences.txt, from SEC Consult's scanner and Hanno Boeck's smtpsmug).
 */
class SmugglingSequencesTest {

    @Test
    @RequiresSharedData("smtp/smuggling-sequences.txt")
    void everyPublishedSequenceIsProbedByteForByte() throws Exception {
        Map<String, byte[]> published = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedData.path("smtp/smuggling-sequences.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\\|");
            published.put(columns[0].trim().replace('_', '-'), HexFormat.ofDelimiter(" ").parseHex(columns[2].trim()));
        }
        assertThat(published).hasSize(12);
        Map<String, Probe> probes = new LinkedHashMap<>();
        ProbeFile.builtIn().stream().filter(p -> p.group().equals("smuggling")).forEach(p -> probes.put(p.id().substring(10), p));
        assertThat(probes.keySet()).containsExactlyInAnyOrderElementsOf(published.keySet());
        for (Map.Entry<String, byte[]> sequence : published.entrySet()) {
            Step.SendRaw raw = probes.get(sequence.getKey()).steps().stream().filter(Step.SendRaw.class::isInstance)
                    .map(Step.SendRaw.class::cast).findFirst().orElseThrow();
            byte[] bytes = Templates.unescape(raw.text());
            // the sequence follows the first message's last line and its CRLF, and is followed by the smuggled MAIL
            byte[] framed = concat("\r\n".getBytes(), sequence.getValue(), "MAIL FROM:".getBytes());
            assertThat(MaildirSearch.indexOf(bytes, framed)).as(sequence.getKey()).isGreaterThan(0);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

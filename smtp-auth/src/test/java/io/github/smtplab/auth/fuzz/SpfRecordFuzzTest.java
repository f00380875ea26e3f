package io.github.smtplab.auth.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.auth.spf.internal.MacroContext;
import io.github.smtplab.auth.spf.internal.Macros;
import io.github.smtplab.auth.spf.internal.RecordParser;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Coverage-guided: an SPF record (RFC 7208 §4.5, §12 ABNF) parses into a record or a permerror, and macro
 * expansion (§7) of any text ends with a string or a typed error, never an exception or a runaway string.
 */
class SpfRecordFuzzTest {

    private static final MacroContext CONTEXT;

    static {
        try {
            CONTEXT = new MacroContext("alice@monentreprise.fr", "alice", "monentreprise.fr", "monentreprise.fr",
                    InetAddress.getByName("192.0.2.10"), "smtp.monentreprise.fr", "mx.exemple.com", 1_700_000_000L,
                    domain -> "smtp.monentreprise.fr");
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyRecordAndMacroTextIsHandled(FuzzedDataProvider data) {
        String macro = data.consumeString(600);
        String record = data.consumeRemainingAsString();
        if (RecordParser.isSpfRecord(record)) {   // §4.5: parse's contract, as the checker calls it
            RecordParser.parse(record);
        }
        boolean explain = data.consumeBoolean();
        if (Macros.check(macro, explain) == null) {   // §7.1: expand's contract is a checked string, as the evaluator does
            assertThat(Macros.expand(macro, CONTEXT)).isNotNull();
        }
    }
}

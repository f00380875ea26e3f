package io.github.smtplab.auth.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.auth.dkim.DkimSignature;
import io.github.smtplab.auth.dkim.KeyRecord;
import io.github.smtplab.auth.dkim.TagList;
import io.github.smtplab.auth.dmarc.DmarcRecord;

/**
 * Coverage-guided: tag=value lists from the network — a DKIM-Signature field (RFC 6376 §3.2, §3.5), a key
 * record (§3.6.1), a DMARC record (RFC 9989) — give a value or a typed reason, never an exception.
 */
class DkimTagsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyTagListGivesAValueOrAReason(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        TagList.parse(text);
        DkimSignature.parse(text);
        KeyRecord.parse(text);
        DmarcRecord.parse(text);
    }
}

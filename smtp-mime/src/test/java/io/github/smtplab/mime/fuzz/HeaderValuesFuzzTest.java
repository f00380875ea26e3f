package io.github.smtplab.mime.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.mime.AddressParser;
import io.github.smtplab.mime.ContentDisposition;
import io.github.smtplab.mime.ContentType;
import io.github.smtplab.mime.EncodedWords;
import io.github.smtplab.mime.MessageDate;

/**
 * Coverage-guided: header field bodies a peer controls — address lists (RFC 5322 §3.4), Content-Type and
 * Content-Disposition with RFC 2231 parameters, encoded words (RFC 2047), dates (§3.3) — give a value or a
 * typed failure, never an exception.
 */
class HeaderValuesFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyFieldBodyGivesAValueOrATypedFailure(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        AddressParser.parseList(text);
        AddressParser.parseMailbox(text);
        ContentType.parse(text);
        ContentType.parseStrict(text);
        ContentDisposition.parse(text);
        EncodedWords.decode(text);
        MessageDate.parse(text);
    }
}

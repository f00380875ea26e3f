package io.github.smtplab.conformance;

import java.util.List;

/**
 * The result of running one probe.
 *
 * @param probe      the probe
 * @param verdict    pass, fail (a MUST broken), warn (a SHOULD or MAY not met) or skip
 * @param detail     why, in one sentence (empty when passed)
 * @param transcript the dialogue, line by line
 */
public record Outcome(Probe probe, Verdict verdict, String detail, List<TranscriptLine> transcript) {

    public Outcome {
        transcript = List.copyOf(transcript);
    }
}

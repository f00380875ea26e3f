package io.github.smtplab.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.core.DataDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Coverage-guided: DATA decoding (RFC 5321 §4.1.1.4 end of data, §4.5.2 dot-unstuffing) gives the same
 * status, the same content and stops at the same input byte however the client's bytes are split, and
 * never writes more than it read.
 */
class DataDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void theResultDoesNotDependOnHowTheInputIsSplit(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(2, 2000);
        int[] cuts = data.consumeInts(16);
        byte[] input = data.consumeRemainingAsBytes();

        Run whole = run(input, new int[0], maxLine);
        Run split = run(input, cuts, maxLine);
        assertThat(split.status).isEqualTo(whole.status);
        assertThat(split.consumed).isEqualTo(whole.consumed);
        assertThat(split.content).isEqualTo(whole.content);
        assertThat(whole.content.length).isLessThanOrEqualTo(input.length);
    }

    private record Run(DataDecoder.Status status, int consumed, byte[] content) {}

    private static Run run(byte[] input, int[] cuts, int maxLine) {
        DataDecoder decoder = new DataDecoder(maxLine);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(64);
        int position = 0;
        int cut = 0;
        DataDecoder.Status status = DataDecoder.Status.NEED_MORE;
        while (status == DataDecoder.Status.NEED_MORE && position < input.length) {
            int size = cut < cuts.length ? Math.floorMod(cuts[cut++], 97) + 1 : input.length - position;
            ByteBuffer in = ByteBuffer.wrap(input, position, Math.min(size, input.length - position));
            do {
                status = decoder.decode(in, out);
                out.flip();
                content.write(out.array(), 0, out.limit());
                out.clear();
            } while (status == DataDecoder.Status.NEED_MORE && in.hasRemaining());
            position = in.position();
        }
        return new Run(status, position, Arrays.copyOf(content.toByteArray(), content.size()));
    }
}

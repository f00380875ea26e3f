package io.github.smtplab.auth.inbound;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimVerification;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dmarc.AuthorDomains;
import io.github.smtplab.auth.dmarc.DmarcEvaluator;
import io.github.smtplab.auth.dmarc.DmarcOutcome;
import io.github.smtplab.auth.dmarc.DmarcPolicy;
import io.github.smtplab.auth.dmarc.SpfInput;
import io.github.smtplab.auth.results.AuthenticationResults;
import io.github.smtplab.auth.spf.SpfChecker;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.core.Reply;
import io.github.smtplab.mime.Cfws;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.HeaderBlockBuffer;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.HeaderText;
import io.github.smtplab.mime.Headers;
import io.github.smtplab.mime.ParseLimits;
import io.github.smtplab.mime.ParseResult;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of one message while it arrives (made by {@link InboundChecker#begin}). {@link #write} takes the
 * message in any chunks: the header block is kept (up to the limit), the body only passes through the DKIM
 * body hashers (RFC 6376 §3.7) and is never held. {@link #finish} then runs SPF, the DKIM key lookups and
 * DMARC within the time budget and decides. Not thread-safe: one message, one thread.
 */
public final class MessageCheck {

    /** Body octets are copied through this much at a time when a chunk has no backing array. */
    private static final int COPY_BUFFER = 64 * 1024;

    private final String authservId;
    private final BudgetedResolver resolver;
    private final boolean enforcePolicy;
    private final ParseLimits limits;
    private final Clock clock;
    private final SessionIdentities identities;
    private final HeaderBlockBuffer header;
    private HeaderBlock block;
    private byte[] headerOctets;
    private DkimVerification dkim;
    private byte[] copy;
    private boolean finished;

    MessageCheck(String authservId, BudgetedResolver resolver, boolean enforcePolicy, ParseLimits limits, Clock clock,
                 SessionIdentities identities) {
        this.authservId = authservId;
        this.resolver = resolver;
        this.enforcePolicy = enforcePolicy;
        this.limits = limits;
        this.clock = clock;
        this.identities = identities;
        this.header = new HeaderBlockBuffer(limits.maxHeaderBytes());
    }

    /** Takes the next octets of the message (CRLF line ends, dot-unstuffed); the buffer is consumed. */
    public void write(ByteBuffer chunk) {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        if (block == null) {
            if (!header.take(chunk)) {
                return;
            }
            headerDone();
        }
        if (dkim.unsigned()) {
            chunk.position(chunk.limit());
        } else if (chunk.hasArray()) {
            dkim.updateBody(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            chunk.position(chunk.limit());
        } else {
            if (copy == null) {
                copy = new byte[COPY_BUFFER];
            }
            while (chunk.hasRemaining()) {
                int n = Math.min(copy.length, chunk.remaining());
                chunk.get(copy, 0, n);
                dkim.updateBody(copy, 0, n);
            }
        }
    }

    /** The header block is in (or the message ended without one): read it, start the body hashes. */
    private void headerDone() {
        headerOctets = header.octets();
        block = HeaderBlock.read(headerOctets, 0, headerOctets.length, limits);
        dkim = new DkimVerifier(resolver, clock).begin(block.headers().fields());
        // octets taken as header that are body after all (a first line that is no header field, RFC 5322 §2.2)
        dkim.updateBody(headerOctets, block.bodyStart(), headerOctets.length - block.bodyStart());
    }

    /** The octets of the header block as received (the empty line included), once known. */
    public byte[] headerOctets() {
        return headerOctets == null ? new byte[0] : headerOctets.clone();
    }

    /** The message is complete: run the checks within the budget and decide. Never throws on any message. */
    public InboundVerdict finish() {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        finished = true;
        if (block == null) {
            headerDone();   // a message that is all header, or empty
        }
        if (header.overflowed() || block.limitExceeded().isPresent()) {
            String why = header.overflowed() ? "more than " + limits.maxHeaderBytes() + " octets"
                    : "more than " + limits.maxHeaderFields() + " fields";
            // a check that read part of the header could miss a From field (RFC 9989 section 11.5): refuse, don't skip
            return new InboundVerdict.Refuse(Reply.of(552, "5.3.4", "Header block refused: " + why
                    + ", the limit of this server; DMARC must see every From field"), Optional.empty());
        }
        resolver.start();
        SpfChecker spf = new SpfChecker(resolver, authservId);
        SpfOutcome mailFrom = spf.checkMailFrom(identities.clientAddress(), identities.mailFrom(), identities.helo());
        SpfOutcome helo = spf.checkHelo(identities.clientAddress(), identities.helo());
        List<DkimResult> signatures = dkim.finish();
        AuthorDomains authors = AuthorDomains.of(block.headers());
        List<DmarcOutcome> dmarc = new ArrayList<>();
        if (authors instanceof AuthorDomains.Found found) {
            DmarcEvaluator evaluator = new DmarcEvaluator(resolver);
            Optional<SpfInput> spfInput = Optional.of(new SpfInput(identities.spfDomain(), mailFrom.result()));
            for (String domain : found.domains()) {   // RFC 9989 §11.5: each Author Domain
                dmarc.add(evaluator.evaluate(domain, spfInput, signatures));
            }
        }
        InboundReport report = new InboundReport(authservId, identities, mailFrom, helo, signatures, authors, dmarc);
        if (enforcePolicy && authors instanceof AuthorDomains.Malformed malformed) {
            return new InboundVerdict.Refuse(Reply.of(550, "5.7.1", ascii("Refused: " + malformed.reason())), Optional.of(report));
        }
        Optional<DmarcOutcome> strictest = report.strictestFailure();
        if (enforcePolicy && strictest.flatMap(DmarcOutcome::disposition).orElse(DmarcPolicy.NONE) == DmarcPolicy.REJECT) {
            return new InboundVerdict.Refuse(Reply.of(550, "5.7.1", ascii("Rejected by the DMARC policy of "
                    + strictest.get().fromDomain())), Optional.of(report));
        }
        Headers kept = block.headers().filter(f -> !forgedResults(f));
        Optional<Headers> rewritten = kept.fields().size() == block.headers().fields().size() ? Optional.empty() : Optional.of(kept);
        return new InboundVerdict.Deliver(report, report.traceFields(), rewritten, block.bodyStart());
    }

    /** RFC 8601 §5: an incoming Authentication-Results field that carries our authserv-id is a forgery. */
    private boolean forgedResults(HeaderField field) {
        if (!field.is(AuthenticationResults.FIELD_NAME)) {
            return false;
        }
        String value = field.value();
        int start = Cfws.skip(value, 0, AuthorDomains.MAX_COMMENT_DEPTH) instanceof ParseResult.Ok<Integer> ok ? ok.value() : 0;
        int end = start;
        while (end < value.length() && value.charAt(end) != ';' && value.charAt(end) != '(' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(start, end).equalsIgnoreCase(authservId);
    }

    /** Reply text is US-ASCII and one line (RFC 5321 §4.2), short enough for any reply line. */
    private static String ascii(String text) {
        String ascii = HeaderText.printableAscii(text);
        return ascii.length() <= 400 ? ascii : ascii.substring(0, 400);
    }
}

package io.github.smtplab.dns;

import java.util.List;
import java.util.Optional;

/**
 * A DNS message (RFC 1035 §4.1): a header and four sections. The section counts of the wire header are
 * the sizes of these lists. (Named {@code DnsMessage} so that it reads apart from smtp-mime's {@code Message},
 * an Internet mail message, in code that uses both.)
 *
 * @param header      the header (ID, flags, RCODE)
 * @param questions   the question section, normally one entry
 * @param answers     records answering the question
 * @param authorities records pointing to an authority, e.g. the SOA of a negative answer (RFC 2308 §3)
 * @param additionals extra records, including the EDNS0 OPT pseudo-record (RFC 6891 §6.1.1)
 */
public record DnsMessage(Header header, List<Question> questions, List<ResourceRecord> answers,
                      List<ResourceRecord> authorities, List<ResourceRecord> additionals) {

    /** Largest count a 16-bit header field can hold (RFC 1035 §4.1.1). */
    public static final int MAX_SECTION_COUNT = 0xFFFF;

    /** Copies the lists and checks each count fits in 16 bits. */
    public DnsMessage {
        if (header == null) {
            throw new IllegalArgumentException("a message needs a header");
        }
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
        for (List<?> section : List.of(questions, answers, authorities, additionals)) {
            if (section.size() > MAX_SECTION_COUNT) {
                throw new IllegalArgumentException("a section holds at most 65535 entries (RFC 1035 §4.1.1)");
            }
        }
    }

    /**
     * A standard query for one question. With {@code ednsPayloadSize > 0} an OPT record advertises that
     * many octets for UDP replies (RFC 6891 §6.2.5); with 0 there is no OPT (a plain RFC 1035 query).
     */
    public static DnsMessage query(int id, Question question, boolean recursionDesired, int ednsPayloadSize) {
        List<ResourceRecord> additional = ednsPayloadSize > 0 ? List.of(ResourceRecord.opt(ednsPayloadSize)) : List.of();
        return new DnsMessage(Header.query(id, recursionDesired), List.of(question), List.of(), List.of(), additional);
    }

    /** The EDNS0 OPT pseudo-record, if the additional section has one (RFC 6891 §6.1.1). */
    public Optional<ResourceRecord> opt() {
        return additionals.stream().filter(r -> r.type().equals(RecordType.OPT)).findFirst();
    }

    /** The header's RCODE (the 4 low bits; EDNS extended RCODE bits are not combined here). */
    public int rcode() {
        return header.rcode();
    }

    /** A copy with another header. */
    public DnsMessage withHeader(Header newHeader) {
        return new DnsMessage(newHeader, questions, answers, authorities, additionals);
    }
}

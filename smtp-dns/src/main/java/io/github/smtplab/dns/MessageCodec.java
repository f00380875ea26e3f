package io.github.smtplab.dns;

import io.github.smtplab.dns.internal.WireFormatException;
import io.github.smtplab.dns.internal.WireReader;
import io.github.smtplab.dns.internal.WireWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes DNS messages (RFC 1035 §4.1) with name compression (§4.1.4).
 *
 * <p>Decoding is a pure function of the octets: anything that is not a valid message gives
 * {@link DnsDecodeResult.Malformed}, never an exception, and the work is bounded by the input length.
 */
public final class MessageCodec {

    /** Largest message: TCP frames it with a 16-bit length (RFC 1035 §4.2.2). */
    public static final int MAX_MESSAGE_SIZE = 0xFFFF;

    /** Size of the fixed header (RFC 1035 §4.1.1). */
    public static final int HEADER_SIZE = 12;

    /**
     * Initial list capacity when decoding a section: a hint only, because the header's counts come from the
     * peer and a 12-octet packet may claim 65535 records; lists grow only as records are actually read.
     */
    private static final int INITIAL_SECTION_CAPACITY = 16;

    private MessageCodec() {}

    /** Encodes with name compression. */
    public static byte[] encode(DnsMessage message) {
        return encode(message, true);
    }

    /**
     * Encodes a message; {@code compress} turns on name compression (RFC 1035 §4.1.4).
     *
     * @throws IllegalArgumentException if the result would exceed {@link #MAX_MESSAGE_SIZE} octets
     */
    public static byte[] encode(DnsMessage message, boolean compress) {
        WireWriter out = new WireWriter(compress);
        Header h = message.header();
        out.u16(h.id());
        out.u16(h.flagsWord());
        out.u16(message.questions().size());
        out.u16(message.answers().size());
        out.u16(message.authorities().size());
        out.u16(message.additionals().size());
        for (Question q : message.questions()) {
            out.name(q.name(), true);
            out.u16(q.type().code());
            out.u16(q.qclass());
        }
        for (List<ResourceRecord> section : List.of(message.answers(), message.authorities(), message.additionals())) {
            for (ResourceRecord rr : section) {
                writeRecord(out, rr);
            }
        }
        if (out.size() > MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("message of " + out.size() + " octets exceeds 65535 (RFC 1035 §4.2.2)");
        }
        return out.toByteArray();
    }

    private static void writeRecord(WireWriter out, ResourceRecord rr) {
        out.name(rr.name(), true);
        out.u16(rr.type().code());
        out.u16(rr.rclass());
        out.u32(rr.ttl());
        int lengthAt = out.size();
        out.u16(0); // RDLENGTH, patched below
        switch (rr.data()) {
            case RecordData.A a -> out.bytes(a.address().getAddress());
            case RecordData.Aaaa aaaa -> out.bytes(aaaa.address().getAddress());
            case RecordData.Ns ns -> out.name(ns.host(), true);
            case RecordData.Cname cname -> out.name(cname.target(), true);
            case RecordData.Ptr ptr -> out.name(ptr.target(), true);
            case RecordData.Mx mx -> {
                out.u16(mx.preference());
                out.name(mx.exchange(), true);
            }
            case RecordData.Txt txt -> txt.strings().forEach(out::characterString);
            case RecordData.Soa soa -> {
                out.name(soa.mname(), true);
                out.name(soa.rname(), true);
                out.u32(soa.serial());
                out.u32(soa.refresh());
                out.u32(soa.retry());
                out.u32(soa.expire());
                out.u32(soa.minimum());
            }
            case RecordData.Opt opt -> out.bytes(opt.options());
            case RecordData.Unknown unknown -> out.bytes(unknown.rdata());
        }
        int rdLength = out.size() - lengthAt - 2;
        if (rdLength > 0xFFFF) {
            throw new IllegalArgumentException("RDATA over 65535 octets (RFC 1035 §3.2.1)");
        }
        out.patchU16(lengthAt, rdLength);
    }

    /** Decodes a whole array. */
    public static DnsDecodeResult decode(byte[] octets) {
        return decode(octets, octets.length);
    }

    /** Decodes {@code octets[0..length)}, e.g. the filled part of a receive buffer. */
    public static DnsDecodeResult decode(byte[] octets, int length) {
        if (length > MAX_MESSAGE_SIZE || length > octets.length || length < 0) {
            return new DnsDecodeResult.Malformed("a message is at most 65535 octets (RFC 1035 §4.2.2)", 0);
        }
        WireReader in = new WireReader(octets, length);
        try {
            int id = in.u16("ID");
            Header header = Header.fromWire(id, in.u16("flags"));
            int qdCount = in.u16("QDCOUNT");
            int anCount = in.u16("ANCOUNT");
            int nsCount = in.u16("NSCOUNT");
            int arCount = in.u16("ARCOUNT");
            List<Question> questions = new ArrayList<>(Math.min(qdCount, INITIAL_SECTION_CAPACITY));
            for (int i = 0; i < qdCount; i++) {
                DomainName name = in.name("QNAME");
                questions.add(new Question(name, new RecordType(in.u16("QTYPE")), in.u16("QCLASS")));
            }
            List<ResourceRecord> answers = readRecords(in, anCount, "answer");
            List<ResourceRecord> authorities = readRecords(in, nsCount, "authority");
            List<ResourceRecord> additionals = readRecords(in, arCount, "additional");
            if (in.remaining() != 0) {
                throw new WireFormatException(in.remaining() + " octets after the last record (RFC 1035 §4.1)", in.position());
            }
            return new DnsDecodeResult.Decoded(new DnsMessage(header, questions, answers, authorities, additionals));
        } catch (WireFormatException e) {
            return new DnsDecodeResult.Malformed(e.getMessage(), e.offset());
        }
    }

    private static List<ResourceRecord> readRecords(WireReader in, int count, String section) throws WireFormatException {
        List<ResourceRecord> records = new ArrayList<>(Math.min(count, INITIAL_SECTION_CAPACITY));
        for (int i = 0; i < count; i++) {
            records.add(readRecord(in, section));
        }
        return records;
    }

    private static ResourceRecord readRecord(WireReader in, String section) throws WireFormatException {
        DomainName owner = in.name(section + " owner name");
        int type = in.u16("TYPE");
        int rclass = in.u16("CLASS");
        long ttl = in.u32("TTL");
        int rdLength = in.u16("RDLENGTH");
        int rdStart = in.position();
        if (rdLength > in.remaining()) {
            throw new WireFormatException("RDLENGTH " + rdLength + " runs past the end of the message", rdStart);
        }
        RecordData data = readData(in, type, rdLength);
        if (in.position() != rdStart + rdLength) {
            throw new WireFormatException(new RecordType(type) + " RDATA does not fill its RDLENGTH of " + rdLength
                    + " (RFC 1035 §3.2.1)", rdStart);
        }
        if (type == RecordType.OPT.code() && !owner.isRoot()) {
            throw new WireFormatException("the OPT record's owner must be the root (RFC 6891 §6.1.2)", rdStart);
        }
        return new ResourceRecord(owner, rclass, ttl, data);
    }

    private static RecordData readData(WireReader in, int type, int rdLength) throws WireFormatException {
        int start = in.position();
        return switch (type) {
            case 1 -> new RecordData.A((Inet4Address) address(in, rdLength, 4, "A"));
            case 28 -> new RecordData.Aaaa((Inet6Address) address(in, rdLength, 16, "AAAA"));
            case 2 -> new RecordData.Ns(in.name("NS host"));
            case 5 -> new RecordData.Cname(in.name("CNAME target"));
            case 12 -> new RecordData.Ptr(in.name("PTR target"));
            case 15 -> new RecordData.Mx(in.u16("MX preference"), in.name("MX exchange"));
            case 16 -> {
                if (rdLength == 0) {
                    throw new WireFormatException("TXT holds one or more character-strings (RFC 1035 §3.3.14)", start);
                }
                List<String> strings = new ArrayList<>();
                while (in.position() < start + rdLength) {
                    strings.add(in.characterString("TXT character-string"));
                }
                yield new RecordData.Txt(strings);
            }
            case 6 -> new RecordData.Soa(in.name("SOA MNAME"), in.name("SOA RNAME"), in.u32("SOA SERIAL"),
                    in.u32("SOA REFRESH"), in.u32("SOA RETRY"), in.u32("SOA EXPIRE"), in.u32("SOA MINIMUM"));
            case 41 -> new RecordData.Opt(in.bytes(rdLength, "OPT options"));
            default -> new RecordData.Unknown(type, in.bytes(rdLength, "RDATA"));
        };
    }

    private static InetAddress address(WireReader in, int rdLength, int size, String type) throws WireFormatException {
        if (rdLength != size) {
            throw new WireFormatException(type + " RDATA is " + size + " octets, not " + rdLength
                    + " (RFC 1035 §3.4.1, RFC 3596 §2.2)", in.position());
        }
        byte[] octets = in.bytes(size, type + " address");
        try {
            return size == 4 ? InetAddress.getByAddress(octets) : Inet6Address.getByAddress(null, octets, null);
        } catch (UnknownHostException e) {
            throw new WireFormatException(type + " address of wrong length", in.position());
        }
    }
}

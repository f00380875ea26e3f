package io.github.smtplab.dns;

/**
 * An entry of the question section (RFC 1035 §4.1.2): which name, which type, which class.
 *
 * @param name   the QNAME
 * @param type   the QTYPE
 * @param qclass the QCLASS, normally {@link ResourceRecord#CLASS_IN}
 */
public record Question(DomainName name, RecordType type, int qclass) {

    /** Checks the class fits in 16 bits. */
    public Question {
        if (name == null || type == null) {
            throw new IllegalArgumentException("a question needs a name and a type");
        }
        if (qclass < 0 || qclass > 0xFFFF) {
            throw new IllegalArgumentException("QCLASS is 16 bits (RFC 1035 §4.1.2): " + qclass);
        }
    }

    /** A question in class IN, the Internet. */
    public Question(DomainName name, RecordType type) {
        this(name, type, ResourceRecord.CLASS_IN);
    }

    /** True if {@code other} asks the same thing, names compared ignoring case (RFC 4343 §3). */
    public boolean matches(Question other) {
        return name.equals(other.name) && type.equals(other.type) && qclass == other.qclass;
    }
}

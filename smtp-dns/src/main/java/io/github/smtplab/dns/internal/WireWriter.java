package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DomainName;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes big-endian fields and domain names into a growing buffer.
 *
 * <p>With compression on, every name suffix written is remembered with its offset; a later name that ends
 * with a remembered suffix writes its leading labels and then a 2-octet pointer {@code 11xxxxxx xxxxxxxx}
 * to the earlier copy (RFC 1035 §4.1.4). Offsets above {@link #MAX_POINTER_OFFSET} cannot be pointed to.
 */
public final class WireWriter {

    /** Largest offset a 14-bit compression pointer can hold (RFC 1035 §4.1.4). */
    public static final int MAX_POINTER_OFFSET = 0x3FFF;

    private byte[] buffer = new byte[512];
    private int size;
    private final boolean compress;
    // Keyed by the labels exactly as written: matching case-insensitively would replace "Example.COM" by an
    // earlier "example.com" and lose the case the sender chose (RFC 4343 §4 asks to preserve it).
    private final Map<List<String>, Integer> suffixOffsets = new HashMap<>();

    /** A writer; {@code compress} turns name compression on. */
    public WireWriter(boolean compress) {
        this.compress = compress;
    }

    /** Octets written so far. */
    public int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    /** One octet. */
    public void u8(int v) {
        ensure(1);
        buffer[size++] = (byte) v;
    }

    /** A 16-bit big-endian number. */
    public void u16(int v) {
        ensure(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    /** A 32-bit big-endian number. */
    public void u32(long v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    /** Raw octets. */
    public void bytes(byte[] octets) {
        ensure(octets.length);
        System.arraycopy(octets, 0, buffer, size, octets.length);
        size += octets.length;
    }

    /** Overwrites a 16-bit number already written, e.g. RDLENGTH once the RDATA is known. */
    public void patchU16(int offset, int v) {
        buffer[offset] = (byte) (v >>> 8);
        buffer[offset + 1] = (byte) v;
    }

    /** A character-string: length octet then the octets (RFC 1035 §3.3); each char is one octet. */
    public void characterString(String s) {
        u8(s.length());
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    /**
     * A domain name; compressed if this writer compresses and {@code compressible} is true (RFC 3597 §4:
     * only names in the RDATA of the well-known RFC 1035 types may be compressed).
     */
    public void name(DomainName name, boolean compressible) {
        int count = name.labelCount();
        for (int i = 0; i < count; i++) {
            List<String> suffix = name.labels().subList(i, count);
            if (compress && compressible) {
                Integer earlier = suffixOffsets.get(suffix);
                if (earlier != null) {
                    u16(0xC000 | earlier);
                    return;
                }
            }
            if (compress && size <= MAX_POINTER_OFFSET) {
                suffixOffsets.putIfAbsent(suffix, size);
            }
            String label = name.labels().get(i);
            u8(label.length());
            ensure(label.length());
            for (int k = 0; k < label.length(); k++) {
                buffer[size++] = (byte) label.charAt(k);
            }
        }
        u8(0);
    }

    /** A copy of the octets written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}

package aikpi.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Gzip bodies for the tests of compressed uploads: one written once here rather than in each test. */
public final class Gzip {

    private Gzip() {
    }

    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The text, then 2 GiB of {@code c}, in about 2 MB of gzip: one member of a MiB of {@code c}, repeated (a gzip
     * stream may hold several members, and gzip readers read them all).
     */
    public static byte[] bomb(String text, char c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(compress(text.getBytes(StandardCharsets.UTF_8)));
        byte[] mebibyte = new byte[1 << 20];
        Arrays.fill(mebibyte, (byte) c);
        byte[] member = compress(mebibyte);
        for (int i = 0; i < 2048; i++) {
            out.writeBytes(member);
        }
        return out.toByteArray();
    }
}

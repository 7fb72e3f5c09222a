package aikpi.vocabulary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, for ids derived from other ids and for the digest of a file as it is read. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The SHA-256 of the text's UTF-8 bytes: 32 bytes whatever its length (an event id's stored key). */
    public static byte[] ofText(String text) {
        return digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex SHA-256 of the parts' UTF-8 bytes, each after the first preceded by a NUL byte. */
    public static String hex(String... parts) {
        MessageDigest sha = digest();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sha.update((byte) 0);
            }
            sha.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

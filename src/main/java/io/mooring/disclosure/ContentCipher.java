package io.mooring.disclosure;

import io.mooring.platform.auth.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM (the JDK's) for item content at rest. A fresh random 12-byte IV per write; the owner and kind
 * are bound as associated data so a ciphertext copied onto another person's row fails to open.
 * Exceptions never carry the key or the content.
 *
 * <p>Stored form: {@code 0x01 || key id (8 bytes) || IV || ciphertext+tag}. The key id ({@link Keys#keyId}) lets a
 * node hold the current key and earlier ones during a rotation: it writes with the current key and reads with
 * whichever key wrote. Content written before key ids ({@code IV || ciphertext+tag}) is read with every key held.
 */
final class ContentCipher {
  private static final byte FORMAT = 1;
  private static final int ID_BYTES = 8;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = 1 + ID_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] currentId;
  private final SecretKeySpec current;
  /** Every key held, current first, by id. */
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  ContentCipher(byte[] key) {
    this(key, List.of());
  }

  ContentCipher(byte[] key, List<byte[]> previous) {
    this.current = spec(key);
    this.currentId = HexFormat.of().parseHex(Keys.keyId(key));
    keys.put(Keys.keyId(key), current);
    previous.forEach(k -> keys.putIfAbsent(Keys.keyId(k), spec(k)));
  }

  private static SecretKeySpec spec(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("the content key must be 32 bytes");
    }
    return new SecretKeySpec(key.clone(), "AES");
  }

  static byte[] aad(long ownerId, String kind) {
    return ("mooring.disclosure:" + ownerId + ":" + kind).getBytes(StandardCharsets.UTF_8);
  }

  byte[] encrypt(String plaintext, byte[] aad) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(HEADER + IV_BYTES + sealed.length).put(FORMAT).put(currentId).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("content encryption failed");
    }
  }

  String decrypt(byte[] stored, byte[] aad) {
    if (stored == null || stored.length <= IV_BYTES) {
      throw new IllegalStateException("stored content is malformed");
    }
    SecretKeySpec named = stored[0] == FORMAT && stored.length > HEADER + IV_BYTES
        ? keys.get(HexFormat.of().formatHex(stored, 1, HEADER)) : null;
    if (named != null) {
      String plain = open(named, stored, HEADER, aad);
      if (plain != null) {
        return plain;
      }
    }
    // Written before key ids (a legacy IV may start with 0x01 by chance): try every key held.
    for (SecretKeySpec k : keys.values()) {
      String plain = open(k, stored, 0, aad);
      if (plain != null) {
        return plain;
      }
    }
    throw new IllegalStateException("stored content could not be decrypted (a key not held, or tampered)");
  }

  /** True when this content is already sealed with the current key (a rotation leaves it alone). */
  boolean isCurrent(byte[] stored) {
    return stored != null && stored.length > HEADER + IV_BYTES && stored[0] == FORMAT
        && Arrays.equals(stored, 1, HEADER, currentId, 0, ID_BYTES);
  }

  private static String open(SecretKeySpec key, byte[] stored, int offset, byte[] aad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, offset, IV_BYTES));
      c.updateAAD(aad);
      return new String(c.doFinal(stored, offset + IV_BYTES, stored.length - offset - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }
}

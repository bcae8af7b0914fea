package io.mooring.disclosure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for item content at rest. A fresh random 12-byte IV per write; the owner and kind
 * are bound as associated data so a ciphertext copied onto another person's row fails to open.
 * Exceptions never carry the key or the content.
 */
final class ContentCipher {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  ContentCipher(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("the content key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  static byte[] aad(long ownerId, String kind) {
    return ("mooring.disclosure:" + ownerId + ":" + kind).getBytes(StandardCharsets.UTF_8);
  }

  byte[] encrypt(String plaintext, byte[] aad) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("content encryption failed");
    }
  }

  String decrypt(byte[] stored, byte[] aad) {
    if (stored == null || stored.length <= IV_BYTES) {
      throw new IllegalStateException("stored content is malformed");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
      c.updateAAD(aad);
      return new String(c.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored content could not be decrypted (wrong key or tampered)");
    }
  }
}

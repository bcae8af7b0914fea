package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Content sealed under one key stays readable through a rotation, and nothing else opens it. */
class ContentCipherTest {
  static final byte[] AAD = ContentCipher.aad(7, "recovery_story");

  static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  /** Content as written before key ids existed: IV || ciphertext+tag. */
  static byte[] legacy(byte[] key, String plain) throws Exception {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD(AAD);
    byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
  }

  @Test
  void newContentNamesItsKeyAndOpensWithThatKeyAmongOthers() {
    byte[] old = key();
    byte[] fresh = key();
    byte[] sealedOld = new ContentCipher(old).encrypt("before", AAD);
    assertEquals(1, sealedOld[0]);
    assertEquals(Keys.keyId(old), HexFormat.of().formatHex(sealedOld, 1, 9), "the key id follows the format byte");
    ContentCipher ring = new ContentCipher(fresh, List.of(old));
    assertEquals("before", ring.decrypt(sealedOld, AAD));
    assertFalse(ring.isCurrent(sealedOld));
    byte[] sealedNew = ring.encrypt("after", AAD);
    assertTrue(ring.isCurrent(sealedNew));
    assertEquals("after", new ContentCipher(fresh).decrypt(sealedNew, AAD), "written with the current key only");
    assertThrows(IllegalStateException.class, () -> new ContentCipher(fresh).decrypt(sealedOld, AAD), "a key no longer held");
    assertThrows(IllegalStateException.class, () -> ring.decrypt(sealedOld, ContentCipher.aad(8, "recovery_story")),
        "copied onto another person's row");
  }

  @Test
  void contentFromBeforeKeyIdsIsReadWithAnyKeyHeld() throws Exception {
    byte[] old = key();
    byte[] fresh = key();
    for (int i = 0; i < 50; i++) {
      // Some legacy IVs start with the format byte by chance; those must still open.
      byte[] stored = legacy(old, "legacy " + i);
      assertEquals("legacy " + i, new ContentCipher(old).decrypt(stored, AAD));
      assertEquals("legacy " + i, new ContentCipher(fresh, List.of(old)).decrypt(stored, AAD));
    }
    byte[] forged = legacy(old, "x");
    forged[0] = 1;
    assertThrows(IllegalStateException.class, () -> new ContentCipher(old).decrypt(forged, AAD), "tampering is still caught");
  }
}

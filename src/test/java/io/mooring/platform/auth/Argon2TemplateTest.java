package io.mooring.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shared zero template changes no hash, and the library's 19 MiB template is gone. */
class Argon2TemplateTest {
  /** Computed with password4j 1.8.4 unchanged (a separate JVM, m=19456, t=2, p=1, 32 bytes, Argon2id). */
  private static final String KNOWN = "$argon2id$v=19$m=19456,t=2,p=1$bW9vcmluZy1rYXQtc2FsdA$vtBCP8K5OIAaiB4ERppULaju7hdkpiCdzuyFzwy9re0";

  @Test
  void hashesAreTheUnchangedLibrarysAndTheTemplateIsOneRow() throws Exception {
    Argon2Function f = Argon2Template.withSharedZeroRows(Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID));
    for (int i = 0; i < 2; i++) {
      assertEquals(KNOWN, Password.hash("correct horse battery staple").addSalt("mooring-kat-salt").with(f).getResult());
    }
    assertTrue(Password.check("correct horse battery staple", KNOWN).with(f));
    assertTrue(!Password.check("correct horse battery stapler", KNOWN).with(f));
    String fresh = Passwords.hashNow("another password");
    assertTrue(Password.check("another password", fresh).with(f), "Passwords' own hashes still verify");

    Field template = Argon2Function.class.getDeclaredField("initialBlockMemory");
    template.setAccessible(true);
    long[][] rows = (long[][]) template.get(f);
    assertEquals(19 * 1024, rows.length);
    assertEquals(1, Arrays.stream(rows).distinct().count(), "one shared row instead of 19,456");
    assertTrue(Arrays.stream(rows[0]).allMatch(v -> v == 0), "and it stays zero");
  }
}

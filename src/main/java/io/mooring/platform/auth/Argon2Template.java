package io.mooring.platform.auth;

import com.password4j.Argon2Function;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * password4j 1.8.4's {@link Argon2Function} keeps, for its whole life, an all-zero template of the hash's
 * memory (19,456 rows of {@code long[128]}: 19 MiB of heap at OWASP's settings) whose only use is as the
 * target of a copy of zeros before each hash ({@code copyOf} copies fresh zero rows into it; every hash
 * then works in its own new memory). One shared zero row serves the same purpose: the rows stay all zero,
 * and the server keeps 19 MiB less heap from start-up on (ops/bench/RESULTS.md, issue 17, idle sockets).
 * Argon2TemplateTest pins the hashes to the unchanged library's output. With another password4j whose
 * field differs, nothing changes and one warning says so.
 */
final class Argon2Template {
  private static final Logger log = LoggerFactory.getLogger(Argon2Template.class);

  private Argon2Template() {}

  static Argon2Function withSharedZeroRows(Argon2Function f) {
    try {
      Field template = Argon2Function.class.getDeclaredField("initialBlockMemory");
      template.setAccessible(true);
      long[][] rows = (long[][]) template.get(f);
      Arrays.fill(rows, new long[rows.length == 0 ? 0 : rows[0].length]);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("password4j keeps its 19 MiB Argon2 template: {}", e.toString());
    }
    return f;
  }
}

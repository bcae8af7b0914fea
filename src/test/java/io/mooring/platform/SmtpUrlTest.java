package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.config.AppConfig;
import io.mooring.platform.config.SmtpUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MOORING_SMTP_URL: its format, its defaults, every bad value named, the password never printed. */
class SmtpUrlTest {

  @Test
  void unsetMeansNoEmailAndStartUpSaysSo() {
    AppConfig c = AppConfig.fromEnv(Map.of());
    assertNull(c.smtp());
    assertTrue(c.describe().get("MOORING_SMTP_URL").contains("e-mail notifications are off"));
    assertNull(AppConfig.fromEnv(Map.of("MOORING_SMTP_URL", "  ")).smtp());
  }

  @Test
  void aFullUrlWithEncodedCredentials() {
    SmtpUrl s = SmtpUrl.parse("smtp://mooring%40example.org:p%40ss%3Aword@mail.example.org:2525?from=noreply%40example.org&starttls=required");
    assertEquals("mail.example.org", s.host());
    assertEquals(2525, s.port());
    assertFalse(s.ssl());
    assertEquals("required", s.starttls());
    assertEquals("mooring@example.org", s.user());
    assertEquals("p@ss:word", s.password());
    assertEquals("noreply@example.org", s.from());
  }

  @Test
  void defaultsBySchemeAndNoLogin() {
    SmtpUrl plain = SmtpUrl.parse("smtp://localhost?from=a@b.org");
    assertEquals(587, plain.port());
    assertEquals("optional", plain.starttls());
    assertNull(plain.user());
    SmtpUrl tls = SmtpUrl.parse("smtps://mail.example.org?from=a@b.org");
    assertEquals(465, tls.port());
    assertTrue(tls.ssl());
    assertEquals("disabled", tls.starttls());
  }

  @Test
  void everyBadValueStopsStartUpNamingTheVariable() {
    for (String bad : new String[] {"http://mail.example.org?from=a@b.org", "smtp://?from=a@b.org", "smtp://mail.example.org",
        "smtp://mail.example.org?from=nobody", "smtp://mail.example.org?from=a@b.org&starttls=sometimes",
        "smtp://mail.example.org?from=a@b.org&tls=yes", "smtp://mail example.org?from=a@b.org"}) {
      var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnv(Map.of("MOORING_SMTP_URL", bad)), bad);
      assertTrue(e.getMessage().startsWith("MOORING_SMTP_URL"), e.getMessage());
    }
  }

  @Test
  void thePasswordIsMaskedInTheStartUpPrint() {
    AppConfig c = AppConfig.fromEnv(Map.of("MOORING_SMTP_URL", "smtp://user:hunter2secret@mail.example.org?from=a@b.org",
        "MOORING_PUBLIC_URL", "https://mooring.example.org"));
    String printed = c.describe().toString();
    assertFalse(printed.contains("hunter2secret"), printed);
    assertTrue(printed.contains("smtp://user:****@mail.example.org:587"), printed);
  }
}

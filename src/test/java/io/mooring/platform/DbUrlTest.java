package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.platform.db.DbUrl;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

/** The database address as operators write it: libpq's URL, TLS settings included, never silently dropped. */
class DbUrlTest {

  @Test
  void sslModeAndRootCertificateReachBothThePoolAndMigrations() {
    DbUrl url = DbUrl.parse("postgresql://app:s%40cret@db.internal:6432/prod?sslmode=verify-full&sslrootcert=/etc/ssl/pg-root.crt", null, null);
    assertEquals("db.internal", url.host());
    assertEquals(6432, url.port());
    assertEquals("prod", url.database());
    assertEquals("app", url.user());
    assertEquals("s@cret", url.password());
    assertEquals(SslMode.VERIFY_FULL, url.connectOptions().getSslMode());
    assertEquals("HTTPS", url.connectOptions().getSslOptions().getHostnameVerificationAlgorithm());
    assertEquals("jdbc:postgresql://db.internal:6432/prod?sslmode=verify-full&sslrootcert=/etc/ssl/pg-root.crt", url.jdbcUrl());
    assertEquals(SslMode.VERIFY_FULL, url.withDatabase("postgres").sslMode(), "another database on the same server keeps TLS");
  }

  @Test
  void requireEncryptsWithoutCheckingTheCertificateAsLibpqDoes() {
    DbUrl url = DbUrl.parse("postgres://db/prod?sslmode=require", null, null);
    assertEquals(SslMode.REQUIRE, url.connectOptions().getSslMode());
    assertEquals(true, url.connectOptions().getSslOptions().isTrustAll());
    assertEquals("jdbc:postgresql://db:5432/prod?sslmode=require", url.jdbcUrl());
  }

  @Test
  void credentialsCanComeFromTheUrlTheQueryOrTheEnvironment() {
    DbUrl none = DbUrl.parse("postgresql://db", null, null);
    assertEquals("", none.user());
    assertEquals("", none.password());
    assertEquals("mooring", none.database());
    assertEquals(SslMode.DISABLE, none.sslMode());
    assertNull(none.sslRootCert());
    assertEquals("", DbUrl.parse("postgresql://postgres:@db:5433/m", null, null).password(), "an empty password, as libpq reads it");
    DbUrl query = DbUrl.parse("postgresql://db/m?user=a&password=hunter2", null, null);
    assertEquals("a", query.user());
    assertEquals("hunter2", query.password());
    DbUrl explicit = DbUrl.parse("postgresql://a:b@db/m", "ops", "pw");
    assertEquals("ops", explicit.user());
    assertEquals("pw", explicit.password());
  }

  @Test
  void verifyingWithoutARootCertificateIsRefusedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> DbUrl.parse("postgresql://db/m?sslmode=verify-ca", null, null));
    assertThrows(IllegalArgumentException.class, () -> DbUrl.parse("postgresql://db/m?sslmode=sometimes", null, null));
  }
}

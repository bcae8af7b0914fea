package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.Migrations;
import io.mooring.support.DebianPostgres;
import io.mooring.support.TestDb;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A managed PostgreSQL requires TLS: Debian's PostgreSQL 15 with ssl=on, a certificate for "localhost" signed by a
 * test CA, and plain-text connections refused. Both the pool and the migrations honour {@code sslmode}.
 */
@ExtendWith(VertxExtension.class)
class DatabaseTlsIT {
  static DebianPostgres tls;
  static Path certs;

  @BeforeAll
  static void start() throws Exception {
    DebianPostgres.assumeAvailable();
    certs = Files.createTempDirectory("mooring-certs");
    openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=mooring-test-ca");
    openssl("req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost");
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext");
    Files.setPosixFilePermissions(certs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(certs.resolve("server.crt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    DebianPostgres.ownedByPostgres(certs.resolve("server.key"));
    tls = DebianPostgres.start(
        List.of("ssl = on", "ssl_cert_file = '" + certs.resolve("server.crt") + "'", "ssl_key_file = '" + certs.resolve("server.key") + "'"),
        List.of("local all all trust", "hostssl all all 127.0.0.1/32 trust", "hostnossl all all 127.0.0.1/32 reject"));
  }

  @AfterAll
  static void stop() {
    if (tls != null) {
      tls.close();
    }
  }

  private static void openssl(String args) throws Exception {
    Process p = new ProcessBuilder(("openssl " + args).split(" ")).directory(certs.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args);
  }

  private static String url(String host, String query) {
    return "postgresql://postgres@" + host + ":" + tls.port() + "/postgres?" + query;
  }

  private static boolean sslInUse(Vertx vertx, DbUrl url) {
    Pool pool = Database.pool(vertx, url, 1);
    try {
      return pool.query("select ssl from pg_stat_ssl where pid = pg_backend_pid()").execute().await().iterator().next().getBoolean(0);
    } finally {
      pool.close().await();
    }
  }

  @Test
  void requireConnectsWithTlsForThePoolAndForMigrations(Vertx vertx) {
    DbUrl url = DbUrl.parse(url("127.0.0.1", "sslmode=require"), null, null);
    assertTrue(sslInUse(vertx, url), "the pool's connection is encrypted");
    Migrations.migrate(url);
    Pool pool = Database.pool(vertx, url, 1);
    try {
      long migrated = pool.query("select count(*) from flyway_schema_history where success").execute().await().iterator().next().getLong(0);
      assertTrue(migrated > 0, "migrations ran over TLS");
    } finally {
      pool.close().await();
    }
  }

  @Test
  void verifyFullAcceptsTheNamedHostAndRejectsAnyOther(Vertx vertx) {
    String root = "sslrootcert=" + certs.resolve("ca.crt");
    assertTrue(sslInUse(vertx, DbUrl.parse(url("localhost", "sslmode=verify-full&" + root), null, null)));
    DbUrl wrongHost = DbUrl.parse(url("127.0.0.1", "sslmode=verify-full&" + root), null, null);
    assertThrows(Exception.class, () -> sslInUse(vertx, wrongHost), "the certificate names localhost, not 127.0.0.1");
    assertThrows(Exception.class, () -> Migrations.migrate(wrongHost), "migrations check the host name too");
    assertTrue(sslInUse(vertx, DbUrl.parse(url("127.0.0.1", "sslmode=verify-ca&" + root), null, null)),
        "verify-ca checks the chain, not the name");
  }

  @Test
  void aServerWithoutTlsIsRefusedWhenTlsIsRequired(Vertx vertx) {
    DbUrl plain = TestDb.server();
    DbUrl required = DbUrl.parse("postgresql://" + plain.user() + ":" + plain.password() + "@" + plain.host() + ":" + plain.port()
        + "/postgres?sslmode=require", null, null);
    assertThrows(Exception.class, () -> sslInUse(vertx, required), "the pool never falls back to plain text");
    assertThrows(Exception.class, () -> Migrations.migrate(required), "nor do migrations");
    assertEquals(false, sslInUse(vertx, plain), "the same server is reachable in plain text when TLS is not asked for");
  }
}

package io.mooring.platform.db;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One PostgreSQL address, usable both by JDBC (migrations only) and by vertx-pg-client, with the TLS
 * settings a managed PostgreSQL requires. {@code sslmode} means what it means to libpq and psql:
 * {@code require} encrypts without checking the certificate (unless a root certificate is given, as
 * libpq does), {@code verify-ca} checks it against {@code sslrootcert}, {@code verify-full} also
 * checks that it names the host.
 */
public record DbUrl(String host, int port, String database, String user, String password, SslMode sslMode, String sslRootCert) {
  private static final String DEFAULT_DATABASE = "mooring";

  public DbUrl(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, SslMode.DISABLE, null);
  }

  public DbUrl {
    if ((sslMode == SslMode.VERIFY_CA || sslMode == SslMode.VERIFY_FULL) && sslRootCert == null) {
      throw new IllegalArgumentException("sslmode=" + libpqName(sslMode) + " needs sslrootcert=/path/to/root.crt in the URL");
    }
  }

  /**
   * Parses {@code postgresql://user:password@host:port/db?sslmode=…&sslrootcert=…} with the pg client's own
   * URI parser; explicit user/password win when given. The one libpq parameter the pg client does not
   * know, {@code sslrootcert}, is read here. Anything it cannot parse is an {@link IllegalArgumentException}.
   */
  public static DbUrl parse(String url, String user, String password) {
    PgConnectOptions parsed;
    try {
      // libpq reads "user:@host" as an empty password; the pg client's parser refuses it.
      parsed = PgConnectOptions.fromUri(url.replaceFirst("^(postgres(?:ql)?://[^/@:]*):@", "$1@"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a postgresql:// URL: " + e.getMessage(), e);
    }
    // The pg client fills in "user"/"pass"/"db" when the URL names none; Mooring means the server's default and "mooring".
    URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
    String info = uri.getRawUserInfo();
    String u = info != null || queryParameter(url, "user") != null ? parsed.getUser() : "";
    boolean hasPassword = info != null && info.indexOf(':') >= 0 && info.indexOf(':') < info.length() - 1;
    String p = hasPassword || queryParameter(url, "password") != null ? parsed.getPassword() : "";
    if (user != null && !user.isBlank()) {
      u = user;
    }
    if (password != null && !password.isBlank()) {
      p = password;
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? DEFAULT_DATABASE : parsed.getDatabase();
    SslMode mode = parsed.getSslMode() == null ? SslMode.DISABLE : parsed.getSslMode();
    return new DbUrl(parsed.getHost(), parsed.getPort(), db, u, p, mode, queryParameter(url, "sslrootcert"));
  }

  private static String queryParameter(String url, String name) {
    String query = URI.create(url.replaceFirst("^postgres(ql)?://", "http://")).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2 && !kv[1].isBlank()) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  public String jdbcUrl() {
    String base = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    String tls = "?sslmode=" + libpqName(sslMode);
    return sslRootCert == null ? base + tls : base + tls + "&sslrootcert=" + sslRootCert;
  }

  public DbUrl withDatabase(String db) {
    return new DbUrl(host, port, db, user, password, sslMode, sslRootCert);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        // The client keeps statements up to 2,048 characters prepared by default; the chat send and the
        // entitlement reads are longer and were parsed and planned again on every run.
        .setPreparedStatementCacheSqlLimit(16_384)
        .setPipeliningLimit(16)
        .setSslMode(sslMode);
    if (sslMode != SslMode.DISABLE) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      if (sslRootCert != null) {
        ssl.setTrustOptions(new PemTrustOptions().addCertPath(sslRootCert));
      } else {
        // libpq's require/prefer/allow without a root certificate: encrypted, certificate not checked.
        ssl.setTrustAll(true);
      }
      ssl.setHostnameVerificationAlgorithm(sslMode == SslMode.VERIFY_FULL ? "HTTPS" : "");
      options.setSslOptions(ssl);
    }
    return options;
  }

  static String libpqName(SslMode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

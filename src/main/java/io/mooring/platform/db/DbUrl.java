package io.mooring.platform.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** One PostgreSQL address, usable both by JDBC (migrations only) and by vertx-pg-client. */
public record DbUrl(String host, int port, String database, String user, String password) {

  /** Parses {@code postgresql://user:password@host:port/db}; explicit user/password win when given. */
  public static DbUrl parse(String url, String user, String password) {
    URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
    String u = "";
    String p = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      u = decode(parts[0]);
      p = parts.length > 1 ? decode(parts[1]) : "";
    }
    if (user != null && !user.isBlank()) {
      u = user;
    }
    if (password != null && !password.isBlank()) {
      p = password;
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "mooring" : uri.getPath().substring(1);
    return new DbUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, u, p);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public DbUrl withDatabase(String db) {
    return new DbUrl(host, port, db, user, password);
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(16);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

package io.mooring.platform.config;

import io.mooring.platform.db.DbUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The server's effective configuration, read from environment variables (tests pass a map).
 * An invalid value stops start-up with a message naming the variable.
 */
public record AppConfig(
    int port,
    String host,
    String publicUrl,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    String jwtPrivateKeyPem,
    String jwtPublicKeyPem,
    String contentKey,
    Duration tokenTtl,
    boolean secureCookies,
    int eventLoops,
    boolean devMode,
    boolean trustProxy,
    /** During a key rotation: earlier JWT public keys still accepted, and earlier content keys still read (OPERATIONS.md). */
    PreviousKeys previousKeys,
    SmtpUrl smtp) {

  /** PEM public keys and base64 content keys from a rotation; empty lists outside one. */
  public record PreviousKeys(java.util.List<String> jwtPublicPems, java.util.List<String> contentKeys) {
    public static final PreviousKeys NONE = new PreviousKeys(java.util.List.of(), java.util.List.of());
  }

  public static final String ISSUER = "mooring";
  public static final String AUDIENCE = "mooring-api";

  public boolean embeddedDb() {
    return dbUrl == null || dbUrl.isBlank();
  }

  /** An IPv4 or IPv6 literal, or a host name of dot-separated labels (RFC 1123): checked before anything starts. */
  private static final java.util.regex.Pattern LISTEN_HOST = java.util.regex.Pattern.compile(
      "[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  public static AppConfig fromEnv(Map<String, String> env) {
    int port = intVar(env, "MOORING_PORT", 8080, 0, 65535);
    String host = env.getOrDefault("MOORING_HOST", "0.0.0.0");
    String publicUrl = env.getOrDefault("MOORING_PUBLIC_URL", "").strip();
    if (!publicUrl.isEmpty() && !publicUrl.matches("^https?://[^\\s/]+(/\\S*)?$")) {
      throw new ConfigException("MOORING_PUBLIC_URL must be an http:// or https:// address, got '" + publicUrl + "'");
    }
    if (host.isBlank()) {
      throw new ConfigException("MOORING_HOST must not be empty (0.0.0.0 listens on every address)");
    }
    if (!LISTEN_HOST.matcher(host).matches()) {
      throw new ConfigException("MOORING_HOST must be an IP address or a host name such as localhost, got '" + host + "'");
    }
    Path dataDir = Path.of(env.getOrDefault("MOORING_DATA_DIR", "data")).toAbsolutePath();
    String dbUrl = env.getOrDefault("MOORING_DB_URL", "");
    if (!dbUrl.isBlank() && !dbUrl.startsWith("postgresql://") && !dbUrl.startsWith("postgres://")) {
      throw new ConfigException("MOORING_DB_URL must look like postgresql://user:password@host:5432/db");
    }
    if (!dbUrl.isBlank()) {
      try {
        DbUrl.parse(dbUrl, null, null);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("MOORING_DB_URL is not usable: " + e.getMessage());
      }
    }
    int pool = intVar(env, "MOORING_DB_POOL_SIZE", 8, 1, 200);
    long ttlMinutes = intVar(env, "MOORING_TOKEN_TTL_MINUTES", 60, 1, 24 * 60);
    int loops = intVar(env, "MOORING_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256);
    String privatePem = SecretVars.pem(env, "MOORING_JWT_PRIVATE_KEY", "PRIVATE KEY");
    String publicPem = SecretVars.pem(env, "MOORING_JWT_PUBLIC_KEY", "PUBLIC KEY");
    if (privatePem.isBlank() != publicPem.isBlank()) {
      throw new ConfigException("MOORING_JWT_PRIVATE_KEY and MOORING_JWT_PUBLIC_KEY must be set together (an ES256 key pair)");
    }
    String contentKey = SecretVars.contentKey(env, "MOORING_CONTENT_KEY");
    SmtpUrl smtp = SmtpUrl.parse(env.get(SmtpUrl.VAR));
    return new AppConfig(
        port,
        host,
        publicUrl,
        dataDir,
        dbUrl,
        env.getOrDefault("MOORING_DB_USER", ""),
        env.getOrDefault("MOORING_DB_PASSWORD", ""),
        pool,
        privatePem,
        publicPem,
        contentKey,
        Duration.ofMinutes(ttlMinutes),
        boolVar(env, "MOORING_SECURE_COOKIES", false),
        loops,
        boolVar(env, "MOORING_DEV", false),
        boolVar(env, "MOORING_TRUST_PROXY", false),
        new PreviousKeys(SecretVars.pems(env, "MOORING_JWT_PREVIOUS_PUBLIC_KEYS", "PUBLIC KEY"),
            SecretVars.contentKeys(env, "MOORING_CONTENT_PREVIOUS_KEYS")),
        smtp);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
        jwtPrivateKeyPem, jwtPublicKeyPem, contentKey, tokenTtl, secureCookies, eventLoops, devMode, trustProxy, previousKeys, smtp);
  }

  public AppConfig withDb(String url, String user, String password) {
    return new AppConfig(port, host, publicUrl, dataDir, url, user, password, dbPoolSize,
        jwtPrivateKeyPem, jwtPublicKeyPem, contentKey, tokenTtl, secureCookies, eventLoops, devMode, trustProxy, previousKeys, smtp);
  }

  public AppConfig withKeys(String privatePem, String publicPem, String contentKeyB64) {
    return new AppConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
        privatePem, publicPem, contentKeyB64, tokenTtl, secureCookies, eventLoops, devMode, trustProxy, previousKeys, smtp);
  }

  /** What start-up prints: every setting, secrets masked. */
  public Map<String, String> describe() {
    Function<String, String> mask = s -> s == null || s.isBlank() ? "(not set)" : "****";
    Map<String, String> m = new LinkedHashMap<>();
    m.put("MOORING_PORT", String.valueOf(port));
    m.put("MOORING_HOST", host);
    m.put("MOORING_PUBLIC_URL", publicUrl.isBlank() ? "(derived from requests)" : publicUrl);
    m.put("MOORING_DATA_DIR", dataDir.toString());
    m.put("MOORING_DB_URL", embeddedDb() ? "(embedded PostgreSQL)" : maskUrlPassword(dbUrl));
    if (!dbUser.isBlank()) {
      m.put("MOORING_DB_USER", dbUser);
    }
    if (!dbPassword.isBlank()) {
      m.put("MOORING_DB_PASSWORD", mask.apply(dbPassword));
    }
    m.put("MOORING_DB_POOL_SIZE", String.valueOf(dbPoolSize));
    m.put("MOORING_JWT_PRIVATE_KEY", jwtPrivateKeyPem.isBlank() ? "(generated into data dir)" : mask.apply(jwtPrivateKeyPem));
    m.put("MOORING_JWT_PUBLIC_KEY", jwtPublicKeyPem.isBlank() ? "(generated into data dir)" : "(set)");
    m.put("MOORING_CONTENT_KEY", contentKey.isBlank() ? "(generated into data dir)" : mask.apply(contentKey));
    if (!previousKeys.jwtPublicPems().isEmpty()) {
      m.put("MOORING_JWT_PREVIOUS_PUBLIC_KEYS", previousKeys.jwtPublicPems().size() + " key(s)");
    }
    if (!previousKeys.contentKeys().isEmpty()) {
      m.put("MOORING_CONTENT_PREVIOUS_KEYS", previousKeys.contentKeys().size() + " key(s), ****");
    }
    m.put("MOORING_TOKEN_TTL_MINUTES", String.valueOf(tokenTtl.toMinutes()));
    m.put("MOORING_SECURE_COOKIES", String.valueOf(secureCookies));
    m.put("MOORING_EVENT_LOOPS", String.valueOf(eventLoops));
    if (devMode) {
      m.put("MOORING_DEV", "true");
    }
    m.put("MOORING_TRUST_PROXY", String.valueOf(trustProxy));
    m.put(SmtpUrl.VAR, smtp == null ? "(not set: e-mail notifications are off)"
        : smtp.describe() + (publicUrl.isBlank() ? " (set MOORING_PUBLIC_URL so links in e-mails reach this server)" : ""));
    return m;
  }

  static String maskUrlPassword(String url) {
    return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@").replaceAll("(?i)([?&]password=)[^&]*", "$1****");
  }

  static int intVar(Map<String, String> env, String name, int dflt, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  private static boolean boolVar(Map<String, String> env, String name, boolean dflt) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    return switch (raw.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + raw + "'");
    };
  }

  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}

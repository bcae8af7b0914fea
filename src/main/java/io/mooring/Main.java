package io.mooring;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.config.EdgeLimits;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Command line: serve [--demo] | migrate | demo | create-admin | --help. */
public final class Main {
  private static final String HELP = """
      Mooring — supervision and staff support for peer specialists.

      Usage: java -jar target/mooring.jar [command] [options]

        serve [--demo]   start the server (default). --demo loads the demo organization into an empty database.
        migrate          apply database migrations and exit.
        demo             load the demo organization (into an empty database) and exit.
        create-admin --org NAME --email EMAIL --name NAME [--time-zone ZONE]
                         create an organization and its first administrator; the password is read
                         from MOORING_ADMIN_PASSWORD (at least 12 characters).
        keys             print a fresh ES256 key pair and content key as env-file lines (for several
                         nodes sharing one database: give every node the same three values).
        rotate-content-key
                         re-seal all encrypted content with MOORING_CONTENT_KEY, reading it with that key or
                         MOORING_CONTENT_PREVIOUS_KEYS; safe while servers run (OPERATIONS.md, "Rotating keys").
        --help           this text.

      Configuration (environment): MOORING_PORT (8080), MOORING_HOST, MOORING_DATA_DIR (./data),
      MOORING_DB_URL (empty = embedded PostgreSQL in the data dir), MOORING_DB_USER, MOORING_DB_PASSWORD,
      MOORING_DB_POOL_SIZE, MOORING_JWT_PRIVATE_KEY / MOORING_JWT_PUBLIC_KEY (PEM, ES256),
      MOORING_CONTENT_KEY (base64, 32 bytes), MOORING_JWT_PREVIOUS_PUBLIC_KEYS and MOORING_CONTENT_PREVIOUS_KEYS
      (during a key rotation), MOORING_TOKEN_TTL_MINUTES, MOORING_SECURE_COOKIES,
      MOORING_EVENT_LOOPS, MOORING_PUBLIC_URL, MOORING_TRUST_PROXY (true behind a reverse proxy that sets
      X-Forwarded-For), MOORING_SMTP_URL (smtp://user:password@host:587?from=ADDRESS; unset = no e-mail).
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    // Initialise logging before start-up goes multi-threaded (SLF4J otherwise replays early calls noisily).
    org.slf4j.LoggerFactory.getLogger(Main.class);
    List<String> a = Arrays.asList(args);
    String command = a.isEmpty() || a.get(0).startsWith("--") ? "serve" : a.get(0);
    if (a.contains("--help") || a.contains("-h") || command.equals("help")) {
      System.out.println(HELP);
      return;
    }
    try {
      run(command, a, AppConfig.fromEnv(System.getenv()));
    } catch (AppConfig.ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
    } catch (IllegalStateException e) {
      // e.g. the embedded PostgreSQL cannot start here, or the external one is unreachable: its message says what to do.
      System.err.println("Mooring could not start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String command, List<String> a, AppConfig config) throws Exception {
    switch (command) {
      case "keys" -> printKeys();
      case "serve" -> Serve.run(config, a.contains("--demo"));
      case "migrate" -> DbCommands.withDatabase(config, (vertx, pool, keys, db) -> Future.succeededFuture());
      case "demo" -> DbCommands.withDatabase(config, (vertx, pool, keys, db) -> DbCommands.loadDemo(vertx, config, pool, keys));
      case "rotate-content-key" -> DbCommands.withDatabase(config, (vertx, pool, keys, db) -> DbCommands.rotateContentKey(pool, keys));
      case "create-admin" -> DbCommands.withDatabase(config, (vertx, pool, keys, db) -> DbCommands.createAdmin(vertx, config, pool, keys, a));
      default -> {
        System.err.println("Unknown command '" + command + "'.\n\n" + HELP);
        System.exit(2);
      }
    }
  }

  /** Single-quoted one-line values: literal in compose .env files and systemd EnvironmentFile alike. */
  private static void printKeys() {
    Keys k = Keys.generate();
    System.out.println("MOORING_JWT_PRIVATE_KEY='" + k.jwtPrivatePem().strip().replace("\n", "\\n") + "'");
    System.out.println("MOORING_JWT_PUBLIC_KEY='" + k.jwtPublicPem().strip().replace("\n", "\\n") + "'");
    System.out.println("MOORING_CONTENT_KEY='" + Base64.getEncoder().encodeToString(k.contentKey()) + "'");
  }

  static void printConfig(AppConfig config) {
    System.out.println("Mooring configuration:");
    config.describe().forEach((k, v) -> System.out.printf("  %-26s %s%n", k, v));
    System.out.printf("  %-26s %s%n", "HTTP edge", EdgeLimits.fromEnv(System.getenv()));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
  }
}

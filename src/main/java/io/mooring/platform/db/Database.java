package io.mooring.platform.db;

import io.mooring.platform.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Optional;

/**
 * Where the data lives: the configured PostgreSQL, or the embedded one in the data directory.
 * Opening applies pending migrations, so a server never runs against an older schema.
 */
public final class Database implements AutoCloseable {
  public static final String NAME = "mooring";

  private final DbUrl url;
  private final Optional<EmbeddedDatabase> embedded;

  private Database(DbUrl url, Optional<EmbeddedDatabase> embedded) {
    this.url = url;
    this.embedded = embedded;
  }

  public static Database open(AppConfig config) {
    if (config.embeddedDb()) {
      EmbeddedDatabase pg = EmbeddedDatabase.start(config.dataDir().resolve("postgres"), true);
      try {
        pg.ensureDatabase(NAME);
        return new Database(DbUrl.parse(pg.url(NAME), null, null), Optional.of(pg));
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    }
    return new Database(DbUrl.parse(config.dbUrl(), config.dbUser(), config.dbPassword()), Optional.empty());
  }

  public DbUrl url() {
    return url;
  }

  public boolean isEmbedded() {
    return embedded.isPresent();
  }

  public int migrate() {
    return Migrations.migrate(url).migrationsExecuted;
  }

  public static Pool pool(Vertx vertx, DbUrl url, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setShared(false))
        .connectingTo(url.connectOptions())
        .using(vertx)
        .build();
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}

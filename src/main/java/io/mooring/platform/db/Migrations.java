package io.mooring.platform.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Versioned plain-SQL migrations from {@code sql/} (packaged into the jar as {@code classpath:sql}). */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(DbUrl url) {
    Flyway flyway = Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:sql")
        .failOnMissingLocations(true)
        .load();
    return flyway.migrate();
  }
}

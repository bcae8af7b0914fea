package io.mooring.platform.db;

import io.vertx.pgclient.PgException;

/**
 * Whether a failure is PostgreSQL refusing a duplicate (SQLSTATE 23505), so a feature can say in its own words what
 * already exists (FailureHandler's fallback names nothing); with a constraint name, only that constraint's.
 */
public final class UniqueViolation {
  private static final String SQLSTATE = "23505";

  private UniqueViolation() {}

  public static boolean of(Throwable e) {
    return e instanceof PgException pg && SQLSTATE.equals(pg.getSqlState());
  }

  public static boolean of(Throwable e, String constraint) {
    return of(e) && constraint.equals(((PgException) e).getConstraint());
  }
}

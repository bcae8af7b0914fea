package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.Migrations;
import io.mooring.support.TestDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** sql/V19 moves each circle's seq and change counters to circle_counters: an upgraded database keeps where every circle stood. */
class CircleCountersMigrationIT {

  @Test
  void anUpgradeKeepsEveryCirclesCountersAndNewCirclesAndMembersGetTheirs() throws SQLException {
    String name = "v19_upgrade_" + ProcessHandle.current().pid();
    DbUrl server = TestDb.server();
    try (Connection admin = connect(server); Statement s = admin.createStatement()) {
      s.execute("drop database if exists " + name);
      s.execute("create database " + name);
    }
    DbUrl db = server.withDatabase(name);
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:sql").target("18").load().migrate();
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      s.execute("insert into organizations (name) values ('Upgraded org')");
      s.execute("insert into circles (org_id, name) select id, 'Busy' from organizations");
      s.execute("insert into circles (org_id, name) select id, 'Quiet' from organizations");
      s.execute("update circles set last_seq = 41, last_change = 7 where name = 'Busy'");
    }

    Migrations.migrate(db);

    try (Connection c = connect(db); Statement s = c.createStatement()) {
      assertEquals("41/7", one(s, "select k.last_seq || '/' || k.last_change from circle_counters k join circles c on c.id = k.circle_id where c.name = 'Busy'"));
      assertEquals("0/0", one(s, "select k.last_seq || '/' || k.last_change from circle_counters k join circles c on c.id = k.circle_id where c.name = 'Quiet'"));
      s.execute("insert into circles (org_id, name) select id, 'New' from organizations");
      assertEquals("0/0", one(s, "select k.last_seq || '/' || k.last_change from circle_counters k join circles c on c.id = k.circle_id where c.name = 'New'"),
          "a circle made after the upgrade, by any way in, has its counter");
      s.execute("insert into users (org_id, email, display_name, password_hash, roles) select id, 'late@upgrade.test', 'Late', 'x', '{peer}' from organizations");
      s.execute("insert into circle_members (circle_id, user_id) select c.id, u.id from circles c, users u where c.name = 'Busy'");
      assertEquals("41", one(s, "select joined_after_seq::text from circle_members"), "a new membership starts after the circle's last seq");
    } finally {
      try (Connection admin = connect(server); Statement s = admin.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      }
    }
  }

  private static Connection connect(DbUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}

package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.ContractHook;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stopping the server the way Main's SIGTERM hook does (server.stop(), then the pool): new
 * connections are refused at once, while a request already in progress still gets its answer.
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownIT {

  @Test
  void stopFinishesTheRequestInFlightAndRefusesNewConnections(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(vertx);
    long org = server.fixtures().anOrganization();
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    String token = server.fixtures().tokenFor(admin);
    var db = server.db();
    try (Connection lock = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      // Hold the organization's row so the request below stays in flight until we let go.
      lock.setAutoCommit(false);
      try (PreparedStatement st = lock.prepareStatement("select id from organizations where id = ? for update")) {
        st.setLong(1, org);
        st.executeQuery().close();
      }
      WebClient client = ContractHook.install(WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port())));
      Future<HttpResponse<Buffer>> inFlight = client.patch("/api/v1/organization").putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(new JsonObject().put("name", "Renamed during shutdown").put("timeZone", "America/Chicago"));
      waitUntilSomeoneWaitsForALock(db);

      CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
      waitUntilRefused(server.port());
      assertFalse(stopped.isDone(), "stop waits for the request in flight");
      assertFalse(inFlight.isComplete());

      lock.commit();
      HttpResponse<Buffer> res = inFlight.await(10, TimeUnit.SECONDS);
      assertEquals(200, res.statusCode(), res.bodyAsString());
      assertEquals("Renamed during shutdown", res.bodyAsJsonObject().getString("name"));
      stopped.get(5, TimeUnit.SECONDS);
      client.close();
    }
  }

  private static void waitUntilSomeoneWaitsForALock(io.mooring.platform.db.DbUrl db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement st = c.prepareStatement(
             "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
      for (int i = 0; i < 200; i++) {
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(25);
      }
    }
    throw new AssertionError("the request never reached the database");
  }

  private static void waitUntilRefused(int port) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket("localhost", port)) {
        Thread.sleep(25);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("the server still accepts connections after stop");
  }
}

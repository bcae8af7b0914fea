package io.mooring.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.client.ApiClient;
import io.mooring.client.api.AuthApi;
import io.mooring.client.model.PeopleLogin;
import io.mooring.client.model.PeopleMe;
import io.mooring.client.model.PeopleSession;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11: a Java client generated from the served OpenAPI document by openapi-generator (the build
 * generates it into target/generated-test-sources) signs in and reads /api/v1/me against a real
 * server. Its strict model classes fail on any required field the server leaves out.
 */
@ExtendWith(ServerPerClass.class)
class GeneratedClientIT {
  @Test
  void aGeneratedClientSignsInAndReadsWhoItIs(TestServer server) throws Exception {
    Fixtures.Person peer = server.fixtures().aPeer(server.fixtures().anOrganization());
    ApiClient client = new ApiClient();
    client.updateBaseUri(server.baseUrl());
    AuthApi auth = new AuthApi(client);

    PeopleSession session = auth.peopleLogin(new PeopleLogin().email(peer.email()).password(Fixtures.PASSWORD));
    assertEquals(peer.id(), session.getUser().getId());
    assertTrue(session.getUser().getActive());
    assertTrue(session.getExpiresAt().isAfter(java.time.OffsetDateTime.now()));

    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + session.getToken()));
    PeopleMe me = new AuthApi(client).peopleMe();
    assertEquals(peer.email(), me.getEmail());
    assertEquals(URI.create(server.baseUrl()).getPort(), server.port());
  }
}

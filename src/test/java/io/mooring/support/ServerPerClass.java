package io.mooring.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Mooring server (and its Vert.x) per test class, closed when the class is done. A test class
 * asks for it as a parameter, usually of its {@code @BeforeAll}:
 * <pre>
 * &#64;ExtendWith(ServerPerClass.class)
 * class SomethingIT {
 *   static TestServer server;
 *
 *   &#64;BeforeAll
 *   static void start(TestServer started) {
 *     server = started;
 *   }
 * }
 * </pre>
 */
public final class ServerPerClass implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerPerClass.class);

  /** Closed by JUnit with the class's store. */
  private record Started(Vertx vertx, TestServer server) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
      vertx.close().await();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE.append(context.getRequiredTestClass()));
    return store.getOrComputeIfAbsent("server", key -> {
      Vertx vertx = Vertx.vertx();
      return new Started(vertx, TestServer.start(vertx));
    }, Started.class).server();
  }
}

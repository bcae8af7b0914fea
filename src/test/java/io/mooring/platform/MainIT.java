package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line, run as a separate JVM exactly as `java -jar target/mooring.jar` would run it. */
class MainIT {

  record Run(int status, String out, String err) {}

  static Run main(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.mooring.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("MOORING_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Main " + List.of(args) + " did not finish");
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommandsAndTheConfiguration() throws Exception {
    Run r = main(Map.of(), "--help");
    assertEquals(0, r.status(), r.err());
    for (String s : new String[] {"serve [--demo]", "migrate", "demo", "create-admin", "MOORING_DB_URL", "MOORING_PORT"}) {
      assertTrue(r.out().contains(s), s + " missing from help:\n" + r.out());
    }
    assertEquals(r.out(), main(Map.of(), "serve", "--help").out(), "--help wins over a command");
  }

  @Test
  void anInvalidValueStopsStartUpNamingTheVariable() throws Exception {
    Run r = main(Map.of("MOORING_PORT", "eighty"), "serve");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("MOORING_PORT"), r.err());
    assertFalse(r.err().contains("Exception"), "a message, not a stack trace:\n" + r.err());
    r = main(Map.of("MOORING_CONTENT_KEY", "short"), "migrate");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("MOORING_CONTENT_KEY"), r.err());
  }

  @Test
  void keysPrintsAnEnvFileThatConfiguresANode() throws Exception {
    Run r = main(Map.of(), "keys");
    assertEquals(0, r.status(), r.err());
    Map<String, String> env = new java.util.HashMap<>();
    r.out().lines().filter(l -> l.startsWith("MOORING_")).forEach(l -> {
      int eq = l.indexOf('=');
      env.put(l.substring(0, eq), l.substring(eq + 2, l.length() - 1));
    });
    assertEquals(java.util.Set.of("MOORING_JWT_PRIVATE_KEY", "MOORING_JWT_PUBLIC_KEY", "MOORING_CONTENT_KEY"), env.keySet());
    var config = io.mooring.platform.config.AppConfig.fromEnv(env);
    assertTrue(config.jwtPrivateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertFalse(r.out().equals(main(Map.of(), "keys").out()), "fresh keys every time");
  }

  @Test
  void anUnknownCommandIsRefusedWithTheHelp() throws Exception {
    Run r = main(Map.of(), "frobnicate");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("Unknown command 'frobnicate'"), r.err());
    assertTrue(r.err().contains("Usage:"), r.err());
  }
}

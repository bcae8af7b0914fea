package io.mooring.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx running the shipped {@code ops/nginx.conf} in front of local nodes. Only the upstream
 * addresses and the listen address are substituted, so a test through it tests the file operators
 * deploy. Where nginx is not installed the calling test is skipped, with the reason printed.
 */
public final class NginxProxy implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final Path SHIPPED = Path.of("ops", "nginx.conf");
  static final String NOT_INSTALLED = "nginx not installed: apt-get install nginx";

  private final Process process;
  private final int port;

  private NginxProxy(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts nginx with the shipped site in front of the given node ports, or skips the test. */
  public static NginxProxy start(int... nodePorts) throws IOException, InterruptedException {
    boolean exists = Files.isExecutable(NGINX);
    if (!exists) {
      System.err.println("[SKIPPED] proxy test: " + NOT_INSTALLED);
    }
    Assumptions.assumeTrue(exists, NOT_INSTALLED);
    int port = freePort();
    Path dir = Files.createTempDirectory("mooring-nginx", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.writeString(dir.resolve("site.conf"), site(Files.readString(SHIPPED), port, nodePorts));
    Files.writeString(dir.resolve("nginx.conf"), main(dir));
    Process p = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    NginxProxy proxy = new NginxProxy(p, port);
    proxy.awaitListening(dir);
    return proxy;
  }

  /** The shipped site with {@code mooring-N:8080} upstreams pointed at local ports and a loopback listen address. */
  static String site(String shipped, int listenPort, int... nodePorts) {
    List<String> upstreams = shipped.lines().filter(l -> l.strip().matches("server mooring-\\d+:8080.*")).toList();
    if (upstreams.size() != nodePorts.length) {
      throw new IllegalStateException("ops/nginx.conf names " + upstreams.size() + " upstream nodes; the test started " + nodePorts.length);
    }
    String site = shipped.replace("listen 80;", "listen 127.0.0.1:" + listenPort + ";");
    for (int i = 0; i < nodePorts.length; i++) {
      site = site.replace("mooring-" + (i + 1) + ":8080", "127.0.0.1:" + nodePorts[i]);
    }
    return site;
  }

  private static String main(Path dir) {
    return """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 512; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          include %1$s/site.conf;
        }
        """.formatted(dir);
  }

  private void awaitListening(Path dir) throws IOException, InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")) + Files.readString(dir.resolve("error.log")));
      }
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

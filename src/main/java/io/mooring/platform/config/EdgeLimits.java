package io.mooring.platform.config;

import java.time.Duration;
import java.util.Map;

/**
 * Limits the HTTP server applies to every connection itself, so they hold without a proxy in
 * front: how long a client may take to send a request head, how long a request body may stall,
 * and how many connections one client address may hold open at once.
 *
 * @param headTimeout from connecting (or from the previous response) until the request head is complete
 * @param bodyIdleTimeout longest silence while a request body is arriving
 * @param maxConnectionsPerAddress 0 means no cap: behind a proxy every connection comes from the
 *     proxy's address, so the cap is off by default when MOORING_TRUST_PROXY is true
 */
public record EdgeLimits(Duration headTimeout, Duration bodyIdleTimeout, int maxConnectionsPerAddress) {
  public static final int DEFAULT_HEAD_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_BODY_IDLE_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

  public static EdgeLimits defaults() {
    return fromEnv(Map.of());
  }

  public static EdgeLimits fromEnv(Map<String, String> env) {
    boolean behindProxy = "true".equalsIgnoreCase(env.getOrDefault("MOORING_TRUST_PROXY", "").trim());
    return new EdgeLimits(
        Duration.ofSeconds(AppConfig.intVar(env, "MOORING_HEADER_TIMEOUT_SECONDS", DEFAULT_HEAD_TIMEOUT_SECONDS, 1, 3600)),
        Duration.ofSeconds(AppConfig.intVar(env, "MOORING_IDLE_TIMEOUT_SECONDS", DEFAULT_BODY_IDLE_TIMEOUT_SECONDS, 1, 3600)),
        AppConfig.intVar(env, "MOORING_MAX_CONNECTIONS_PER_ADDRESS", behindProxy ? 0 : DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 0, 1_000_000));
  }

  @Override
  public String toString() {
    return "request head within " + headTimeout.toSeconds() + " s, body idle at most " + bodyIdleTimeout.toSeconds()
        + " s, connections per address: " + (maxConnectionsPerAddress == 0 ? "no cap" : maxConnectionsPerAddress);
  }
}

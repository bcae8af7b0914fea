package io.mooring.platform.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Checks the key material in the environment at start-up, so a bad key stops the server with the
 * variable's name instead of failing on the first sign-in.
 */
final class SecretVars {
  private SecretVars() {}

  /**
   * An EC key in PEM ("-----BEGIN PRIVATE KEY-----", PKCS#8; or "PUBLIC KEY", X.509), or "" when unset.
   * Literal "\n" sequences are accepted for newlines: env files and compose hold one line per variable.
   */
  static String pem(Map<String, String> env, String name, String label) {
    String raw = env.getOrDefault(name, "");
    if (raw.isBlank()) {
      return "";
    }
    String pem = raw.replace("\\n", "\n").strip() + "\n";
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      throw new AppConfig.ConfigException(name + " must be a PEM block starting with " + begin);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
      KeyFactory ec = KeyFactory.getInstance("EC");
      if (label.equals("PRIVATE KEY")) {
        ec.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        ec.generatePublic(new X509EncodedKeySpec(der));
      }
    } catch (IllegalArgumentException | GeneralSecurityException ex) {
      throw new AppConfig.ConfigException(name + " is not an EC (P-256) " + label.toLowerCase() + ": " + ex.getMessage());
    }
    return pem;
  }

  /** 32 bytes, base64; "" when unset (generated into the data directory). */
  static String contentKey(Map<String, String> env, String name) {
    String raw = env.getOrDefault(name, "").strip();
    if (raw.isEmpty()) {
      return "";
    }
    try {
      if (Base64.getDecoder().decode(raw).length != 32) {
        throw new AppConfig.ConfigException(name + " must be 32 bytes, base64-encoded (openssl rand -base64 32)");
      }
    } catch (IllegalArgumentException e) {
      throw new AppConfig.ConfigException(name + " must be base64 (openssl rand -base64 32)");
    }
    return raw;
  }

  /** Several PEM public keys in one variable (blocks one after another), each checked; empty when unset. */
  static java.util.List<String> pems(Map<String, String> env, String name, String label) {
    String raw = env.getOrDefault(name, "").replace("\\n", "\n");
    String end = "-----END " + label + "-----";
    java.util.List<String> out = new java.util.ArrayList<>();
    int from = 0;
    while (raw.indexOf("-----BEGIN", from) >= 0) {
      int stop = raw.indexOf(end, from);
      if (stop < 0) {
        throw new AppConfig.ConfigException(name + " must hold PEM blocks, each ending with " + end);
      }
      out.add(pem(Map.of(name, raw.substring(from, stop + end.length())), name, label));
      from = stop + end.length();
    }
    if (out.isEmpty() && !raw.isBlank()) {
      throw new AppConfig.ConfigException(name + " must hold PEM blocks starting with -----BEGIN " + label + "-----");
    }
    return java.util.List.copyOf(out);
  }

  /** Comma-separated content keys, each 32 bytes base64; empty when unset. */
  static java.util.List<String> contentKeys(Map<String, String> env, String name) {
    String raw = env.getOrDefault(name, "").strip();
    if (raw.isEmpty()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(raw.split(",")).map(String::strip).map(k -> contentKey(Map.of(name, k), name)).toList();
  }
}

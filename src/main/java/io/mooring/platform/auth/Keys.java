package io.mooring.platform.auth;

import io.mooring.platform.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The server's secrets: an ES256 key pair for JWTs and an AES-256 key for content encrypted at
 * rest. From configuration when given; otherwise generated once into the data directory
 * (readable by the owner only) so that restarts keep sessions and encrypted data readable.
 */
public record Keys(String jwtPrivatePem, String jwtPublicPem, byte[] contentKey, List<String> jwtAcceptedPublicPems,
                   List<byte[]> previousContentKeys) {

  public Keys {
    jwtAcceptedPublicPems = List.copyOf(jwtAcceptedPublicPems);
    previousContentKeys = List.copyOf(previousContentKeys);
  }

  /** One signing pair and one content key, nothing from earlier keys. */
  public Keys(String jwtPrivatePem, String jwtPublicPem, byte[] contentKey) {
    this(jwtPrivatePem, jwtPublicPem, contentKey, List.of(), List.of());
  }

  /** The same keys, also accepting these earlier ones: JWT public keys (PEM) and content keys (32 bytes), during a rotation. */
  public Keys withPrevious(List<String> jwtPublicPems, List<byte[]> contentKeys) {
    return new Keys(jwtPrivatePem, jwtPublicPem, contentKey, jwtPublicPems, contentKeys);
  }

  /**
   * A short, stable id for a key: the first 8 bytes of the SHA-256 of its public (or secret) bytes, hex. Every node
   * derives the same id from the same key, so a JWT's {@code kid} and a ciphertext's key id need no registry.
   */
  public static String keyId(byte[] keyBytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(keyBytes), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The id of a PEM public key (from its DER bytes, so line breaks do not matter). */
  public static String keyId(String publicPem) {
    String body = publicPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return keyId(Base64.getDecoder().decode(body));
  }

  public static Keys load(AppConfig config) {
    return loadCurrent(config).withPrevious(config.previousKeys().jwtPublicPems(),
        config.previousKeys().contentKeys().stream().map(Keys::decodeContentKey).toList());
  }

  private static Keys loadCurrent(AppConfig config) {
    if (!config.jwtPrivateKeyPem().isBlank() && !config.contentKey().isBlank()) {
      return new Keys(config.jwtPrivateKeyPem(), config.jwtPublicKeyPem(), decodeContentKey(config.contentKey()));
    }
    Path dir = config.dataDir().resolve("keys");
    try {
      Files.createDirectories(dir);
      Path priv = dir.resolve("jwt-private.pem");
      Path pub = dir.resolve("jwt-public.pem");
      Path content = dir.resolve("content.key");
      if (!Files.exists(priv) || !Files.exists(pub)) {
        Keys fresh = generate();
        writeSecret(priv, fresh.jwtPrivatePem());
        writeSecret(pub, fresh.jwtPublicPem());
      }
      if (!Files.exists(content)) {
        writeSecret(content, Base64.getEncoder().encodeToString(randomBytes(32)));
      }
      String privPem = config.jwtPrivateKeyPem().isBlank() ? Files.readString(priv) : config.jwtPrivateKeyPem();
      String pubPem = config.jwtPublicKeyPem().isBlank() ? Files.readString(pub) : config.jwtPublicKeyPem();
      byte[] ck = config.contentKey().isBlank() ? decodeContentKey(Files.readString(content).trim()) : decodeContentKey(config.contentKey());
      return new Keys(privPem, pubPem, ck);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write keys in " + dir, e);
    }
  }

  /** Fresh keys held only in memory (tests). */
  public static Keys generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = gen.generateKeyPair();
      return new Keys(pem("PRIVATE KEY", kp.getPrivate().getEncoded()), pem("PUBLIC KEY", kp.getPublic().getEncoded()), randomBytes(32));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC key generation is not available", e);
    }
  }

  private static byte[] decodeContentKey(String b64) {
    try {
      byte[] k = Base64.getDecoder().decode(b64.trim());
      if (k.length != 32) {
        throw new AppConfig.ConfigException("MOORING_CONTENT_KEY must be 32 bytes, base64-encoded");
      }
      return k;
    } catch (IllegalArgumentException e) {
      throw new AppConfig.ConfigException("MOORING_CONTENT_KEY must be base64");
    }
  }

  private static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static void writeSecret(Path p, String content) throws IOException {
    Files.writeString(p, content);
    try {
      Files.setPosixFilePermissions(p, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
  }

  @Override
  public String toString() {
    return "Keys[****]";
  }
}

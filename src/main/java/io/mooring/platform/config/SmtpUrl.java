package io.mooring.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where e-mail goes, from {@code MOORING_SMTP_URL}:
 * {@code smtp://[user[:password]@]host[:port]?from=ADDRESS[&starttls=required|optional|disabled]}
 * (port 587 by default), or {@code smtps://…} for TLS from the first byte (port 465 by default).
 * User and password are percent-encoded like any URL part ({@code @} is {@code %40}).
 */
public record SmtpUrl(String host, int port, boolean ssl, String starttls, String user, String password, String from) {
  static final String VAR = "MOORING_SMTP_URL";

  /** Null when the variable is unset or blank: e-mail is off. */
  public static SmtpUrl parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw invalid("is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
      throw invalid("must start with smtp:// or smtps://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid("needs a host, e.g. smtp://mail.example.org:587?from=mooring@example.org");
    }
    boolean ssl = scheme.equals("smtps");
    Map<String, String> q = query(uri.getRawQuery());
    String from = q.getOrDefault("from", "");
    if (!from.matches("^[^@\\s<>]+@[^@\\s<>]+$")) {
      throw invalid("needs from=ADDRESS, the sender's e-mail address (e.g. ?from=mooring@example.org)");
    }
    String starttls = q.getOrDefault("starttls", ssl ? "disabled" : "optional").toLowerCase();
    if (!starttls.matches("required|optional|disabled")) {
      throw invalid("starttls must be required, optional or disabled, got '" + starttls + "'");
    }
    String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
    String user = userInfo.length > 0 ? decode(userInfo[0]) : null;
    String password = userInfo.length > 1 ? decode(userInfo[1]) : null;
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 465 : 587;
    return new SmtpUrl(uri.getHost(), port, ssl, starttls, user, password, from);
  }

  /** What start-up prints: the address without the password. */
  public String describe() {
    return (ssl ? "smtps://" : "smtp://") + (user == null ? "" : user + (password == null ? "" : ":****") + "@")
        + host + ":" + port + "?from=" + from + "&starttls=" + starttls;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      String key = decode(kv[0]);
      if (!key.matches("from|starttls")) {
        throw invalid("does not know the option '" + key + "' (known: from, starttls)");
      }
      q.put(key, kv.length > 1 ? decode(kv[1]) : "");
    }
    return q;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("has a bad %-escape");
    }
  }

  private static AppConfig.ConfigException invalid(String why) {
    return new AppConfig.ConfigException(VAR + " " + why);
  }
}

package io.mooring.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests written byte for byte on a plain socket: the shapes a well-behaved client library
 * refuses to send (no Host, both Content-Length and Transfer-Encoding, odd HTTP versions).
 */
final class RawHttp {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})");

  /** Everything the server sent before it closed the connection or went quiet for {@code quietMillis}. */
  record Exchange(String text, boolean closedByServer) {
    int status() {
      Matcher m = STATUS_LINE.matcher(text);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** How many responses the server wrote (a smuggled second request would add one). */
    int responses() {
      Matcher m = STATUS_LINE.matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }

    String header(String name) {
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(text);
      return m.find() ? m.group(1) : null;
    }

    String body() {
      int i = text.indexOf("\r\n\r\n");
      return i < 0 ? "" : text.substring(i + 4);
    }
  }

  private RawHttp() {}

  static Exchange send(int port, String request, int quietMillis) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1), quietMillis);
  }

  static Exchange send(int port, byte[] request, int quietMillis) {
    try (Socket s = new Socket("localhost", port)) {
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      s.setSoTimeout(quietMillis);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      boolean closed = readUntilQuiet(s.getInputStream(), got);
      return new Exchange(got.toString(StandardCharsets.UTF_8), closed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean readUntilQuiet(InputStream in, ByteArrayOutputStream got) throws IOException {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
      return true;
    } catch (SocketTimeoutException quiet) {
      return false;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }
}

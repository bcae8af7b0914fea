package io.mooring.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Polls a node's /health/ready every 100 ms on its own thread and keeps what it answered, and when. */
final class ReadinessWatch implements AutoCloseable {
  record Answer(long nanos, int status) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  final List<Answer> answers = new CopyOnWriteArrayList<>();
  private final URI uri;
  private final Thread thread;
  private volatile boolean running = true;

  private ReadinessWatch(int port) {
    this.uri = URI.create("http://localhost:" + port + "/health/ready");
    this.thread = new Thread(this::poll, "readiness-watch");
  }

  static ReadinessWatch start(int port) {
    ReadinessWatch w = new ReadinessWatch(port);
    w.thread.start();
    return w;
  }

  private void poll() {
    while (running) {
      answers.add(new Answer(System.nanoTime(), status()));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  int status() {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The answers since {@code nanos}, condensed: "200x12 -1x3 503x4 200x9" (-1: no answer within 3 s). */
  String since(long nanos) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    int count = 0;
    for (Answer a : answers) {
      if (a.nanos() <= nanos) {
        continue;
      }
      if (a.status() != last && count > 0) {
        out.append(last).append('x').append(count).append(' ');
        count = 0;
      }
      last = a.status();
      count++;
    }
    return out.append(last).append('x').append(count).toString();
  }

  boolean sawNotReadySince(long nanos) {
    return answers.stream().anyMatch(a -> a.nanos() > nanos && a.status() == 503);
  }

  /** Waits up to 30 s for a 200 and returns the last answer. */
  int awaitReady() throws InterruptedException {
    int last = status();
    for (int i = 0; i < 300 && last != 200; i++) {
      Thread.sleep(100);
      last = status();
    }
    return last;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}

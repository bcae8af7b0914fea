package io.mooring.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The Prometheus registry behind {@code /metrics}: Vert.x's HTTP, pool and SQL figures labelled by route template
 * (never the raw path, so cardinality stays bounded), latency histograms with fixed buckets, JVM and process
 * figures, and Mooring's own meters. Features record into Micrometer's global registry
 * ({@code io.micrometer.core.instrument.Metrics}), which this registry joins, so they need no wiring and
 * record nowhere in tests that run without metrics.
 */
public final class Metrics {
  /** Buckets for every latency histogram: what an operator alerts on (p99 under 100 ms, 250 ms, 1 s). */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private Metrics() {}

  /** A Vert.x whose metrics go to a fresh Prometheus registry, joined to Micrometer's global registry. */
  public static Vertx vertx(VertxOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(latencyHistograms());
    new JvmInfoMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    io.micrometer.core.instrument.Metrics.addRegistry(registry);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME))
        // Every LISTEN connection is a net client of its own, and Vert.x gives them all one untagged gauge: the
        // second one logged "Gauge already registered" at each start. The pool's figures cover the database.
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT);
    return Vertx.builder().with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Timers named *.time / *.lag / *.duration publish histogram buckets (Prometheus {@code _bucket}), not only sum and count. */
  static MeterFilter latencyHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER && id.getType() != Meter.Type.LONG_TASK_TIMER) {
          return config;
        }
        double[] slos = new double[LATENCY_BUCKETS.length];
        for (int i = 0; i < slos.length; i++) {
          slos[i] = LATENCY_BUCKETS[i].toNanos();
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
      }
    };
  }
}

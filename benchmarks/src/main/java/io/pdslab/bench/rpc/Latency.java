package io.pdslab.bench.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Latency OUT.json [--quick]}: for each transport, the ping-pong floor, then latency
 * percentiles at rising offered loads until the server no longer keeps up (achieved below 90 % of
 * offered) or the highest rate; every percentile also as a multiple of that transport's floor. The
 * JSON records the machine (cores, load average before and after, JDK) beside the figures.
 */
public final class Latency {
  private static final Logger LOG = LoggerFactory.getLogger(Latency.class);
  private static final int[] RATES = {200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 40_000};
  private static final long SEED = 42;

  private Latency() {}

  /** The ping-pong floor of one transport, in microseconds. */
  public record Floor(String transport, long roundTrips, double p50Us, double p99Us) {}

  /** One point of a latency curve; {@code *Floors} are the percentiles over the floor's p50. */
  public record Point(
      String transport,
      int offeredPerSec,
      double achievedPerSec,
      long calls,
      long failed,
      double p50Us,
      double p99Us,
      double p999Us,
      double maxUs,
      double p50Floors,
      double p99Floors,
      double p999Floors) {}

  /** Where the figures were measured. */
  public record Machine(
      int cores, String loadAverageBefore, String loadAverageAfter, String java, String os) {}

  /** The whole run. */
  public record Report(String method, Machine machine, List<Floor> floors, List<Point> points) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: Latency OUT.json [--quick]");
    }
    Path out = Path.of(args[0]);
    boolean quick = Arrays.asList(args).contains("--quick");
    long warmupMs = quick ? 300 : 1_000;
    long measureMs = quick ? 700 : 3_000;
    String loadBefore = loadAverage();
    List<Floor> floors = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (Transports.Kind kind : Transports.Kind.values()) {
      Histogram rtt = PingPong.run(kind, quick ? 2_000 : 10_000, quick ? 5_000 : 30_000);
      Floor floor =
          new Floor(
              kind.name(),
              rtt.getTotalCount(),
              us(rtt.getValueAtPercentile(50)),
              us(rtt.getValueAtPercentile(99)));
      floors.add(floor);
      LOG.info("{} ping-pong floor: p50 {} us", kind, floor.p50Us());
      for (int rate : RATES) {
        OpenLoop.Result r = OpenLoop.run(kind, rate, warmupMs, measureMs, SEED);
        Histogram h = r.latencyNanos();
        Point p =
            new Point(
                kind.name(),
                rate,
                r.achievedPerSec(),
                r.calls(),
                r.failed(),
                us(h.getValueAtPercentile(50)),
                us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)),
                us(h.getMaxValue()),
                us(h.getValueAtPercentile(50)) / floor.p50Us(),
                us(h.getValueAtPercentile(99)) / floor.p50Us(),
                us(h.getValueAtPercentile(99.9)) / floor.p50Us());
        points.add(p);
        LOG.info(
            "{} {}/s: achieved {}/s, p50 {} us, p99 {} us, p99.9 {} us",
            kind,
            rate,
            Math.round(r.achievedPerSec()),
            p.p50Us(),
            p.p99Us(),
            p.p999Us());
        if (r.achievedPerSec() < 0.9 * rate) {
          break; // saturated: higher offered loads only grow the queue
        }
      }
    }
    Machine machine =
        new Machine(
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAverage(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Report report =
        new Report(
            "open loop, latency from intended send time (HdrHistogram); one client connection,"
                + " window 1024, 50% get / 50% put; floor: 32-byte ping-pong, same transport;"
                + (quick ? " quick" : " full")
                + " run ("
                + warmupMs
                + " ms warm-up, "
                + measureMs
                + " ms measured per point)",
            machine,
            floors,
            points);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    LOG.info("wrote {}", out);
  }

  private static double us(long nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }

  /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
  private static String loadAverage() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

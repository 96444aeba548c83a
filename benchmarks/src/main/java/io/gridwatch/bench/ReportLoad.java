package io.gridwatch.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.imageio.ImageIO;

/**
 * Open-loop load for {@code POST /api/reports}: one photo upload every 1/rate seconds, whatever the
 * server's answer time, so that a slow server shows up as latency rather than as a lower rate.
 * Positions are spread uniformly within about 500 m of the given point. Prints the latency
 * percentiles and the status counts; then, since the server sanitises photos after its answer, follows
 * {@code gridwatch_photos_sanitised_total} on {@code /metrics} until every accepted photo is done and prints the
 * sanitising throughput (photos done per second from the first upload to the last photo done).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gridwatch.bench.ReportLoad URL LON LAT RATE SECONDS [MB [noise|12mp]]</pre>
 *
 * <p>The photo: {@code noise} (default), random pixels at about {@code MB} — the worst case for a JPEG codec, as every
 * coefficient must be decoded; or {@code 12mp}, a 4,000 × 3,000 picture (a phone's) with smooth shapes and grain at
 * about {@code MB}, where the decoder can skip work for the stored size.
 */
public final class ReportLoad {

    private static final String BOUNDARY = "gridwatch-load-boundary";

    private ReportLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ReportLoad URL LON LAT RATE SECONDS [MB [noise|12mp]]");
            System.exit(2);
        }
        URI uri = URI.create(args[0] + "/api/reports");
        double lon = Double.parseDouble(args[1]);
        double lat = Double.parseDouble(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double megabytes = args.length > 5 ? Double.parseDouble(args[5]) : 2.0;
        long bytes = (long) (megabytes * 1024 * 1024);
        boolean phone = args.length > 6 && "12mp".equals(args[6]);
        byte[] photo = phone ? phonePhoto(bytes) : photo(bytes);
        System.out.printf(Locale.ROOT, "photo: %d bytes; %d uploads/s for %d s%n", photo.length, rate, seconds);
        run(uri, photo, lon, lat, rate, seconds);
    }

    private static void run(URI uri, byte[] photo, double lon, double lat, int rate, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI metrics = uri.resolve("/metrics");
        double sanitisedBefore = sanitised(client, metrics);
        int total = rate * seconds;
        AtomicLongArray latencies = new AtomicLongArray(total);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        Random random = new Random(1);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int n = i;
            HttpRequest.BodyPublisher body = body(photo, lon + (random.nextDouble() - 0.5) * 0.01,
                    lat + (random.nextDouble() - 0.5) * 0.01);
            long sent = System.nanoTime();
            client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(body).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.set(n, System.nanoTime() - sent);
                        int status = failure != null ? -1 : response.statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        done.countDown();
                    });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = new long[total];
        for (int i = 0; i < total; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "sent %d in %.1f s (%.1f/s); statuses %s%n", total, elapsed, total / elapsed,
                new TreeMap<>(statuses));
        System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted[total - 1] / 1e6);
        int accepted = statuses.getOrDefault(201, new AtomicInteger()).get();
        double cleaned = 0;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline && (cleaned = sanitised(client, metrics) - sanitisedBefore) < accepted) {
            Thread.sleep(100);
        }
        double busy = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sanitised %.0f of %d accepted photos %.1f s after the first upload: %.1f photos/s%n",
                cleaned, accepted, busy, cleaned / busy);
    }

    /** The server's count of photos sanitised (clean or failed) so far. */
    private static double sanitised(HttpClient client, URI metrics) throws Exception {
        String text = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith("gridwatch_photos_sanitised_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** A 12 MP JPEG of about {@code bytes}: smooth shapes, a gradient and grain (the grain sets the size). */
    private static byte[] phonePhoto(long bytes) throws IOException {
        int w = 4000;
        int h = 3000;
        int grain = (int) Math.max(1, Math.round(24.0 * bytes / 2_286_376)); // 24 gave 2.29 MB at the default quality
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (int) (128 + 60 * Math.sin(x / 97.0) * Math.cos(y / 131.0));
                int r = clamp(base + x * 40 / w + random.nextInt(2 * grain + 1) - grain);
                int g = clamp(base + random.nextInt(2 * grain + 1) - grain);
                int b = clamp(base - y * 40 / h + random.nextInt(2 * grain + 1) - grain);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** A noisy JPEG (noise does not compress) of about {@code bytes}. */
    private static byte[] photo(long bytes) throws IOException {
        int side = (int) Math.sqrt(bytes / 0.58 * 4 / 3); // ~0.58 byte per noisy pixel at the default quality, 4:3
        BufferedImage image = new BufferedImage(side, side * 3 / 4, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** The form around the one photo array, shared by every request: no 2 MB copy per upload on the tool's cores. */
    private static HttpRequest.BodyPublisher body(byte[] photo, double lon, double lat) {
        String fields = field("category", "other") + field("lon", Double.toString(lon))
                + field("lat", Double.toString(lat))
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"load.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        byte[] head = fields.getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofByteArray(photo), HttpRequest.BodyPublishers.ofByteArray(tail));
    }

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}

package dev.clickwrap.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTests {

	private static final int STALLED_REQUEST = 10;

	private final AtomicInteger received = new AtomicInteger();

	private HttpServer server;

	@BeforeEach
	void startServerThatStallsOnce() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			if (this.received.incrementAndGet() == STALLED_REQUEST) {
				sleep(Duration.ofMillis(200));
			}
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(202, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void openLoopCountsEveryRequestDelayedByAStallFromItsDueTime() throws InterruptedException {
		LoadGenerator load = new LoadGenerator(this.server.getAddress().getPort(), this::request, 202);

		LoadGenerator.Result result = load.openLoop(100, Duration.ofSeconds(1), 1, 0);

		assertThat(result.requests()).isEqualTo(100);
		assertThat(result.errors()).isZero();
		// the stalled request and the ten due during its 200 ms all waited 100 ms or
		// more, so more than 5 % did
		assertThat(result.latencies().percentileMillis(95)).isGreaterThanOrEqualTo(100);
	}

	@Test
	void closedLoopCountsAnswersWithAnotherStatusAsErrors() throws InterruptedException {
		LoadGenerator load = new LoadGenerator(this.server.getAddress().getPort(), this::request, 200);

		LoadGenerator.Result result = load.closedLoop(2, Duration.ofMillis(300), 0);

		assertThat(result.requests()).isPositive();
		assertThat(result.errors()).isEqualTo(result.requests());
	}

	@Test
	void percentileIsTheNearestRank() {
		long[] oneToHundredMillis = new long[100];
		for (int i = 0; i < 100; i++) {
			oneToHundredMillis[i] = (i + 1) * 1_000_000L;
		}

		LoadGenerator.Latencies latencies = LoadGenerator.Latencies.of(List.of(oneToHundredMillis));

		assertThat(latencies.percentileMillis(50)).isEqualTo(50);
		assertThat(latencies.percentileMillis(99)).isEqualTo(99);
		assertThat(latencies.percentileMillis(99.9)).isEqualTo(100);
		assertThat(latencies.percentileMillis(100)).isEqualTo(100);
	}

	private byte[] request(long sequence) {
		return ("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

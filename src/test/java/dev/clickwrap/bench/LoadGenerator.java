package dev.clickwrap.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * HTTP/1.1 load on loopback over plain keep-alive sockets, one thread per connection, so
 * that the generator costs little of the two cores it shares with the server. Two modes:
 * <ul>
 * <li>closed loop: each connection sends its next request as soon as the previous answer
 * is in, which finds the highest sustained rate at that concurrency;</li>
 * <li>open loop: requests are due at a fixed rate and each latency is measured from the
 * moment the request was due, not from when it was sent, so a stall of the server counts
 * against every request it delayed (no coordinated omission).</li>
 * </ul>
 * Every run is bounded by its duration or count; a request that gets no answer within
 * {@link #READ_TIMEOUT} counts as an error.
 */
final class LoadGenerator {

	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long an open-loop run may overrun its schedule before the requests still due
	 * are counted as failed.
	 */
	static final Duration OVERRUN_LIMIT = Duration.ofSeconds(30);

	private final int port;

	private final LongFunction<byte[]> requests;

	private final int expectedStatus;

	/**
	 * @param port the loopback port of the server
	 * @param requests the bytes of the request with the given sequence number, head and
	 * body
	 * @param expectedStatus the status every answer should have; any other counts as an
	 * error
	 */
	LoadGenerator(int port, LongFunction<byte[]> requests, int expectedStatus) {
		this.port = port;
		this.requests = requests;
		this.expectedStatus = expectedStatus;
	}

	/**
	 * Sends requests back to back on each connection until the duration is over.
	 * @param connections how many connections send at once
	 * @param duration how long to send
	 * @param firstSequence the sequence number of the first request, so that runs do not
	 * repeat each other
	 * @return what was measured
	 */
	Result closedLoop(int connections, Duration duration, long firstSequence) throws InterruptedException {
		AtomicLong sequence = new AtomicLong(firstSequence);
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			workers.add(new Worker(() -> {
				long next = sequence.getAndIncrement();
				return (System.nanoTime() < end) ? new Due(next, System.nanoTime()) : null;
			}));
		}
		return run(workers, start);
	}

	/**
	 * Sends requests on a fixed schedule, whatever the server does.
	 * @param ratePerSecond how many requests are due per second
	 * @param duration how long the schedule runs
	 * @param connections how many requests may be in flight at once
	 * @param firstSequence the sequence number of the first request
	 * @return what was measured, latencies counted from each request's due time
	 */
	Result openLoop(int ratePerSecond, Duration duration, int connections, long firstSequence)
			throws InterruptedException {
		long count = ratePerSecond * duration.toSeconds();
		double interval = 1e9 / ratePerSecond;
		AtomicLong index = new AtomicLong();
		long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
		long giveUp = start + duration.plus(OVERRUN_LIMIT).toNanos();
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			workers.add(new Worker(() -> {
				long next = index.getAndIncrement();
				if (next >= count || System.nanoTime() > giveUp) {
					return null;
				}
				long due = start + (long) (next * interval);
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				return new Due(firstSequence + next, due);
			}));
		}
		Result result = run(workers, start);
		long unsent = Math.max(0, count - result.requests());
		return new Result(result.requests() + unsent, result.errors() + unsent, result.seconds(), result.latencies());
	}

	private Result run(List<Worker> workers, long start) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (Worker worker : workers) {
			Thread thread = new Thread(worker, "load-" + threads.size());
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long requests = 0;
		long errors = 0;
		List<long[]> latencies = new ArrayList<>();
		for (Worker worker : workers) {
			requests += worker.count;
			errors += worker.errors;
			latencies.add(Arrays.copyOf(worker.latencies, worker.count));
		}
		return new Result(requests, errors, seconds, Latencies.of(latencies));
	}

	/** The next request a worker sends and when it was due. */
	private record Due(long sequence, long dueNanos) {
	}

	@FunctionalInterface
	private interface Schedule {

		/**
		 * @return the next request, or {@code null} when the run is over
		 */
		Due next();

	}

	private final class Worker implements Runnable {

		private final Schedule schedule;

		private long[] latencies = new long[4096];

		private int count;

		private long errors;

		private Connection connection;

		Worker(Schedule schedule) {
			this.schedule = schedule;
		}

		@Override
		public void run() {
			Due due;
			while ((due = this.schedule.next()) != null) {
				byte[] request = LoadGenerator.this.requests.apply(due.sequence());
				int status = send(request);
				record(System.nanoTime() - due.dueNanos(), status == LoadGenerator.this.expectedStatus);
			}
			closeConnection();
		}

		private int send(byte[] request) {
			try {
				if (this.connection == null) {
					this.connection = new Connection(LoadGenerator.this.port);
				}
				Connection.Answer answer = this.connection.exchange(request);
				if (answer.closes()) {
					closeConnection();
				}
				return answer.status();
			}
			catch (IOException ex) {
				closeConnection();
				return -1;
			}
		}

		private void record(long latencyNanos, boolean ok) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
			}
			this.latencies[this.count++] = latencyNanos;
			if (!ok) {
				this.errors++;
			}
		}

		private void closeConnection() {
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
			}
		}

	}

	/**
	 * One keep-alive connection that reads each answer to its end, whether framed by
	 * Content-Length or chunked.
	 */
	static final class Connection implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Connection(int port) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
			this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
			this.out = this.socket.getOutputStream();
		}

		Answer exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = readLine();
			if (!statusLine.startsWith("HTTP/1.1 ")) {
				throw new IOException("Not an HTTP/1.1 answer: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long contentLength = -1;
			boolean chunked = false;
			boolean closes = false;
			String line;
			while (!(line = readLine()).isEmpty()) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					contentLength = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					closes = true;
				}
			}
			if (chunked) {
				skipChunks();
			}
			else if (contentLength > 0) {
				skip(contentLength);
			}
			return new Answer(status, closes);
		}

		private void skipChunks() throws IOException {
			long size;
			while ((size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0) {
				skip(size);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailer fields, if any
			}
		}

		private void skip(long bytes) throws IOException {
			long left = bytes;
			while (left > 0) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() == -1) {
						throw new EOFException("Connection closed inside a body");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder(64);
			int next;
			while ((next = this.in.read()) != '\n') {
				if (next == -1) {
					throw new EOFException("Connection closed");
				}
				if (next != '\r') {
					line.append((char) next);
				}
			}
			return line.toString();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a loopback socket the server may have closed already
			}
		}

		/**
		 * @param status the answer's status
		 * @param closes whether the server closes the connection after it
		 */
		record Answer(int status, boolean closes) {
		}

	}

	/**
	 * What a run measured.
	 *
	 * @param requests requests sent, or due and never sent
	 * @param errors requests that got no answer or another status than expected
	 * @param seconds how long the run took
	 * @param latencies the latency of each answered request
	 */
	record Result(long requests, long errors, double seconds, Latencies latencies) {

		double ratePerSecond() {
			return (this.requests - this.errors) / this.seconds;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"%,8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms"
							+ "  (%,d requests, %,d errors, %.1f s)",
					ratePerSecond(), this.latencies.percentileMillis(50), this.latencies.percentileMillis(99),
					this.latencies.percentileMillis(99.9), this.latencies.percentileMillis(100), this.requests,
					this.errors, this.seconds);
		}

	}

	/**
	 * Latencies of one run, sorted.
	 */
	static final class Latencies {

		private final long[] sortedNanos;

		private Latencies(long[] sortedNanos) {
			this.sortedNanos = sortedNanos;
		}

		static Latencies of(List<long[]> parts) {
			long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
			Arrays.sort(all);
			return new Latencies(all);
		}

		/**
		 * The latency that the given share of requests did not exceed (nearest rank).
		 * @param percentile 0 to 100
		 * @return the latency in milliseconds, or NaN when nothing was measured
		 */
		double percentileMillis(double percentile) {
			if (this.sortedNanos.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(percentile / 100 * this.sortedNanos.length);
			return this.sortedNanos[Math.max(0, Math.min(rank, this.sortedNanos.length) - 1)] / 1e6;
		}

	}

}

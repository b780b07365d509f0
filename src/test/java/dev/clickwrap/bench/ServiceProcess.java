package dev.clickwrap.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A Java service started as its own operating-system process, the way it runs in
 * production, with the time it took to become ready and its resident memory read from
 * {@code /proc}.
 */
final class ServiceProcess implements AutoCloseable {

	/** The JVM options of the container image. */
	static final List<String> CONTAINER_JVM_OPTIONS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * A container limit of 512 MiB as the JVM sees it: 75 % of it is the heap, and below
	 * about 1.8 GB of memory the JVM picks the serial collector. {@code MaxRAM} alone
	 * sizes the heap but leaves G1 on, as the collector is chosen from the machine's
	 * memory, so the collector is named too.
	 */
	static final List<String> NOTIONAL_CONTAINER_MEMORY = List.of("-XX:MaxRAM=512m", "-XX:+UseSerialGC");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final String name;

	private final Process process;

	private final int port;

	private final Duration timeToReady;

	private final Duration cpuToReady;

	private ServiceProcess(String name, Process process, int port, Duration timeToReady) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.timeToReady = timeToReady;
		this.cpuToReady = cpuTime();
	}

	/**
	 * Starts a JVM with the container settings and waits until its readiness probe
	 * answers 200.
	 * @param name a short name for messages and the log file
	 * @param logDirectory where the process's output goes
	 * @param launch what follows the JVM options: {@code -jar app.jar} or
	 * {@code -cp ... MainClass}
	 * @param arguments application arguments; {@code --server.port} is added
	 * @return the ready service
	 */
	static ServiceProcess start(String name, Path logDirectory, List<String> launch, List<String> arguments)
			throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(CONTAINER_JVM_OPTIONS);
		command.addAll(NOTIONAL_CONTAINER_MEMORY);
		command.addAll(launch);
		command.addAll(arguments);
		command.add("--server.port=" + port);
		Files.createDirectories(logDirectory);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logDirectory.resolve(name + ".log").toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		Duration timeToReady = awaitReady(process, port, started);
		return new ServiceProcess(name, process, port, timeToReady);
	}

	int port() {
		return this.port;
	}

	Duration timeToReady() {
		return this.timeToReady;
	}

	/**
	 * The processor time the JVM had used when it became ready, on all its threads.
	 * Unlike the time to ready, it hardly changes when other work on the machine competes
	 * for the processors.
	 * @return the processor time used until ready
	 */
	Duration cpuToReady() {
		return this.cpuToReady;
	}

	/**
	 * @return the processor time the JVM has used so far, on all its threads
	 */
	Duration cpuTime() {
		return cpuTimeOf(this.process.toHandle());
	}

	/**
	 * The processor time used so far by a process and the processes it started that are
	 * still running.
	 * @param root the process
	 * @return their processor time together
	 */
	static Duration cpuTimeOf(ProcessHandle root) {
		return Stream.concat(Stream.of(root), root.descendants())
			.map((handle) -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
	}

	/**
	 * @return the resident set size now, in MiB
	 */
	double residentMiB() {
		return statusKilobytes("VmRSS:") / 1024.0;
	}

	/**
	 * @return the highest resident set size since the process started, in MiB
	 */
	double peakResidentMiB() {
		return statusKilobytes("VmHWM:") / 1024.0;
	}

	/**
	 * Samples the resident set size every 100 ms while the given work runs.
	 * @param work what to run
	 * @return the highest sample, in MiB
	 */
	double highestResidentMiBDuring(Work work) throws Exception {
		AtomicLong highest = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				highest.accumulateAndGet(statusKilobytes("VmRSS:"), Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "rss-sampler");
		sampler.start();
		try {
			work.run();
		}
		finally {
			sampler.interrupt();
			sampler.join();
		}
		return highest.get() / 1024.0;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private long statusKilobytes(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException ex) {
			// the process has exited
		}
		return 0;
	}

	private static Duration awaitReady(Process process, int port, long startedNanos)
			throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = startedNanos + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The service exited with " + process.exitValue() + " before it was ready");
			}
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - startedNanos);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The service was not ready within " + START_TIMEOUT);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ", port " + this.port + ")";
	}

}

package dev.clickwrap.bench;

/**
 * Where the delivery benchmark goes, beside {@link IngestBenchmark}: events per second written to a Salesforce stub
 * that answers after 100 ms, and Salesforce API calls per delivered event. It is not measured yet because the delivery
 * worker is not part of the relay yet. The pieces to build it from are here: {@link ServiceProcess} starts the
 * packaged relay with the container's JVM settings (pass the stub's URL as arguments), {@link LoadGenerator} feeds it
 * agreements ({@link IngestBenchmark#agreement(int, long)}), and a WireMock server on loopback with a fixed 100 ms
 * delay can count the calls. {@code bench/run.sh} calls this class in its delivery section.
 */
public final class DeliveryBenchmark {

	private DeliveryBenchmark() {
	}

	public static void main(String[] args) {
		System.out.println("delivery benchmark: not measured yet; the relay has no delivery worker to measure");
	}

}

#!/usr/bin/env bash
# Measures the relay's webhook ingest on this machine and prints the figures (docs/benchmarks.md explains them).
#
#   bench/run.sh                      the full run, about 5 minutes after the build
#   bench/run.sh targets=h2 duration=10 rate-duration=10
#
# Arguments are passed to dev.clickwrap.bench.IngestBenchmark: targets (bare,h2,postgres), connections (16),
# warmup (10 s), duration (20 s), rate (1000 req/s), rate-duration (20 s), open-connections (64), logs (target/bench),
# jvm-options (none; more options for the measured JVMs, e.g. "jvm-options=-XX:StartFlightRecording=filename=x.jfr"),
# jar (target/clickwrap-relay-*.jar; another build of the relay to compare with).
# Needs Java 17; the first build fetches dependencies from Maven Central. All traffic stays on 127.0.0.1, every run
# has a fixed duration, and every process it starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

describe_machine() {
	echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
		"$(free -g | awk '/^Mem:/ {print $2}') GiB memory"
	"$JAVA" -version 2>&1 | head -1
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

build() {
	./mvnw -q -B -DskipTests package
	./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
}

bench_java() {
	"$JAVA" -Xmx1g -cp "target/test-classes:$(cat target/bench-classpath.txt)" "$@"
}

run_ingest_benchmark() {
	bench_java dev.clickwrap.bench.IngestBenchmark "$@"
}

# Delivery: events per second to a fake Salesforce org answering after 100 ms, and API calls per event, one at a time
# and for a backlog. Arguments: trickle-events (30), backlog-events (2000).
run_delivery_benchmark() {
	bench_java dev.clickwrap.bench.DeliveryBenchmark
}

describe_machine
build
run_ingest_benchmark "$@"
run_delivery_benchmark

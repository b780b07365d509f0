package dev.clickwrap.relay.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code container} profile switches the console to structured JSON; an operator
 * finds every line about one event by the {@code relay.event_id} MDC entry, so that entry
 * must survive into the JSON.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerProfileLoggingTests {

	private static final Logger logger = LoggerFactory.getLogger(ContainerProfileLoggingTests.class);

	private final ObjectMapper objectMapper = new ObjectMapper();

	/**
	 * Other tests in this JVM may have set up logging already, and Spring Boot leaves an
	 * initialized logging system alone; so it is released before this test and given back
	 * its test configuration after it.
	 */
	@BeforeEach
	void releaseLogging() {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
	}

	@AfterEach
	void restoreTestLogging() throws JoranException {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.reset();
		new ContextInitializer(context).autoConfig();
	}

	@Test
	void containerProfileWritesJsonLinesThatCarryTheEventIdFromTheMdc(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
			.web(WebApplicationType.NONE)
			.profiles("container")
			.run("--logging.config=classpath:logback-structured-test.xml")) {
			try (MDC.MDCCloseable eventId = MDC.putCloseable("relay.event_id", "evt-4711")) {
				logger.info("Delivered acceptance");
			}
		}

		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("Delivered acceptance"))
			.findFirst()
			.orElseThrow();
		JsonNode json = this.objectMapper.readTree(line);
		assertThat(json.path("message").asText()).isEqualTo("Delivered acceptance");
		// ECS nests dotted MDC keys: relay.event_id becomes {"relay":{"event_id":...}}.
		assertThat(json.path("relay").path("event_id").asText()).isEqualTo("evt-4711");
		assertThat(json.path("service").path("name").asText()).isEqualTo("clickwrap-relay");
	}

	@Configuration(proxyBeanMethods = false)
	static class NoBeans {

	}

}

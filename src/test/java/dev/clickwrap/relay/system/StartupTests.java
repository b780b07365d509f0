package dev.clickwrap.relay.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.clickwrap.relay.ClickwrapRelayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

	private static final String MEMORY_DATABASE = "--spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;"
			+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@Test
	void refusesToStartWithoutAWebhookToken(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--relay.ingest.tokens="));

		assertThat(output).contains("No webhook token is configured");
	}

	@Test
	void startsWithoutATokenWhenUnauthenticatedWebhooksAreSwitchedOnAndWarns(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--relay.ingest.allow-unauthenticated=true")) {
			assertThat(context.isRunning()).isTrue();
		}

		assertThat(output).contains("WARN").contains("Webhook authentication is off");
	}

	private static ConfigurableApplicationContext start(String... arguments) {
		String[] all = new String[arguments.length + 2];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		all[arguments.length] = MEMORY_DATABASE;
		all[arguments.length + 1] = "--server.port=0";
		return new SpringApplicationBuilder(ClickwrapRelayApplication.class).run(all);
	}

}

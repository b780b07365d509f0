package dev.clickwrap.bench;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick for the relay's ingest: the same Spring MVC, Tomcat and JVM, and an
 * endpoint that only parses the JSON body and answers 202, storing nothing. Not part of
 * the relay; it lives in its own package so that the relay's component scan never finds
 * it.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class BareIngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareIngestApplication.class, args);
	}

	@RestController
	static class BareWebhookController {

		private final ObjectMapper mapper;

		BareWebhookController(ObjectMapper mapper) {
			this.mapper = mapper;
		}

		@PostMapping("/webhooks/clickwrap")
		@ResponseStatus(HttpStatus.ACCEPTED)
		Map<String, String> receive(@RequestBody byte[] body) throws IOException {
			this.mapper.readTree(body);
			return Map.of("outcome", "queued");
		}

	}

}

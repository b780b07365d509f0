package dev.clickwrap.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Receives Ironclad Clickwrap webhooks, stores them durably and writes the agreements they
 * report into Salesforce.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ClickwrapRelayApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClickwrapRelayApplication.class, args);
	}

}

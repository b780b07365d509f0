package dev.clickwrap.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Receives Ironclad Clickwrap webhooks, stores them durably and writes the agreements
 * they report into Salesforce.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ClickwrapRelayApplication {

	public static void main(String[] args) {
		// The Salesforce client rides on HttpURLConnection, which by default sends a POST
		// a second time, unseen, when
		// the connection is reset. Each resend costs an API call and hides the failure
		// from the retry policy and the
		// metrics, so a reset is left to the retry policy instead.
		System.setProperty("sun.net.http.retryPost", "false");
		SpringApplication.run(ClickwrapRelayApplication.class, args);
	}

}

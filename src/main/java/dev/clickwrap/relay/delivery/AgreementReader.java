package dev.clickwrap.relay.delivery;

import java.nio.charset.StandardCharsets;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.events.ClickwrapEvent;
import dev.clickwrap.relay.events.ClickwrapEventParser;
import dev.clickwrap.relay.mapping.AgreementMapper;
import dev.clickwrap.relay.mapping.MappedAgreement;

import org.springframework.stereotype.Component;

/**
 * Reads a stored or posted webhook body back into an agreement and maps it, with the same
 * parser that accepted it.
 */
@Component
class AgreementReader {

	private final ClickwrapEventParser parser;

	private final AgreementMapper mapper;

	AgreementReader(ClickwrapEventParser parser, AgreementMapper mapper) {
		this.parser = parser;
		this.mapper = mapper;
	}

	ActivityAgreed read(String payload) {
		ClickwrapEvent event = this.parser.parse(payload.getBytes(StandardCharsets.UTF_8));
		if (event instanceof ActivityAgreed agreed) {
			return agreed;
		}
		throw new NotAnAgreementException(event.eventType());
	}

	MappedAgreement map(ActivityAgreed agreement) {
		return this.mapper.map(agreement);
	}

	/**
	 * A body that describes some other event than an agreement, which is never delivered.
	 */
	static class NotAnAgreementException extends RuntimeException {

		NotAnAgreementException(String eventType) {
			super("Only activity_agreed events are delivered to Salesforce, not " + eventType);
		}

	}

}

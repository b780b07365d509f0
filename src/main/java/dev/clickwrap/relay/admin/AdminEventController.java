package dev.clickwrap.relay.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.clickwrap.relay.store.EventStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an operator look at stored events and their delivery history, and send agreements
 * to Salesforce again. Parameters are taken as text and checked here, so that a wrong one
 * is answered with what it accepts.
 */
@RestController
@RequestMapping("/admin/events")
class AdminEventController {

	/** The most summaries one page holds; a larger {@code limit} is lowered to this. */
	static final int MAX_PAGE_SIZE = 500;

	private static final String STATUSES = Arrays.stream(EventStatus.values())
		.map(EventStatus::name)
		.collect(Collectors.joining(", "));

	private static final Pattern EVENT_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final AdminEventRepository events;

	private final EventReplay replay;

	private final ObjectMapper objectMapper;

	AdminEventController(AdminEventRepository events, EventReplay replay, ObjectMapper objectMapper) {
		this.events = events;
		this.replay = replay;
		this.objectMapper = objectMapper;
	}

	@GetMapping
	EventPage list(@RequestParam(required = false) String status,
			@RequestParam(required = false, defaultValue = "50") String limit,
			@RequestParam(required = false) String before) {
		int pageSize = Math.min(pageSize(limit), MAX_PAGE_SIZE);
		List<EventSummary> page = this.events.findSummaries(status(status), instant("before", before), pageSize);
		Instant nextBefore = (page.size() == pageSize) ? page.get(page.size() - 1).receivedAt() : null;
		return new EventPage(page, nextBefore);
	}

	@GetMapping("/{id}")
	EventDetail show(@PathVariable String id) {
		UUID eventId = eventId(id);
		EventSummary summary = this.events.findSummary(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
		JsonNode payload = this.events.findPayload(eventId)
			.map(this::json)
			.orElseThrow(() -> new EventNotFoundException(eventId));
		return new EventDetail(summary, payload, this.events.findAttempts(eventId));
	}

	@PostMapping("/{id}/replay")
	ReplayAnswer replay(@PathVariable String id) {
		return this.replay.replay(eventId(id));
	}

	@PostMapping("/replay-parked")
	Map<String, Integer> replayParked(@RequestParam(required = false) String since) {
		return Map.of("replayed", this.replay.replayParked(instant("since", since)));
	}

	private JsonNode json(String payload) {
		try {
			return this.objectMapper.readTree(payload);
		}
		catch (JsonProcessingException ex) {
			// every stored body was parsed as JSON before it was stored; show one that no
			// longer parses as it is
			return TextNode.valueOf(payload);
		}
	}

	private static EventStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return EventStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAdminRequestException("status",
					"status must be one of " + STATUSES + ", not '" + status + "'");
		}
	}

	private static int pageSize(String limit) {
		try {
			int size = Integer.parseInt(limit.strip());
			if (size >= 1) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below like any other unusable limit
		}
		throw new InvalidAdminRequestException("limit",
				"limit must be a whole number from 1 to " + MAX_PAGE_SIZE + ", not '" + limit + "'");
	}

	private static Instant instant(String parameter, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAdminRequestException(parameter,
					parameter + " must be an ISO-8601 instant such as 2026-06-01T12:00:00Z, not '" + value + "'");
		}
	}

	private static UUID eventId(String id) {
		// UUID.fromString alone would take shortened forms such as 1-2-3-4-5 as some
		// other id
		if (!EVENT_ID.matcher(id).matches()) {
			throw new InvalidAdminRequestException("id", "'" + id + "' is not an event id; the relay's event ids "
					+ "are UUIDs such as 3f2b8c1e-5d4a-4e8f-9b7c-2a1d0e6f4c3b");
		}
		return UUID.fromString(id);
	}

}

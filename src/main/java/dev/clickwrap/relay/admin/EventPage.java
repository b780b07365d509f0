package dev.clickwrap.relay.admin;

import java.time.Instant;
import java.util.List;

/**
 * A page of the event list, newest first.
 *
 * @param events the summaries on this page
 * @param nextBefore the {@code before} value that asks for the next page, or {@code null}
 * when this page is the last
 */
record EventPage(List<EventSummary> events, Instant nextBefore) {
}

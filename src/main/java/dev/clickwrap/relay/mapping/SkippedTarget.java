package dev.clickwrap.relay.mapping;

/**
 * A mapping target that produced no write for an agreement, because the event lacks the
 * value that identifies its record.
 *
 * @param target the name of the mapping target
 * @param reason why it was skipped, e.g. {@code custom_data.opportunity_id is absent};
 * names the source, never its value
 */
public record SkippedTarget(String target, String reason) {
}

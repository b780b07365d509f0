package dev.clickwrap.relay.admin;

/**
 * What a replay of one event did.
 *
 * @param message what changed, in words
 * @param event the event as it stands after the replay
 */
record ReplayAnswer(String message, EventSummary event) {
}

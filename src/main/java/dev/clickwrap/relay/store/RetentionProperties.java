package dev.clickwrap.relay.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished events are kept.
 *
 * @param period how long a delivered or ignored event is kept after it finished; waiting
 * and parked events are kept until they finish, however long that takes
 * @param purgeInterval how often old events are looked for
 */
@ConfigurationProperties("relay.retention")
public record RetentionProperties(@DefaultValue("30d") Duration period, @DefaultValue("1h") Duration purgeInterval) {
}

package dev.clickwrap.relay.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Who may use the operator API under {@code /admin}. It has credentials of its own,
 * separate from the webhook tokens, and stays closed to everyone until a password is set.
 *
 * @param username the user name expected in HTTP Basic authentication
 * @param password the password expected in HTTP Basic authentication; without one the
 * admin API answers every request with 401
 */
@ConfigurationProperties("relay.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {

	public AdminProperties {
		password = StringUtils.hasText(password) ? password : null;
		if (password != null && !StringUtils.hasText(username)) {
			throw new IllegalArgumentException(
					"relay.admin.username must not be blank when relay.admin.password is set");
		}
	}

	/**
	 * Whether the admin API can be used at all.
	 * @return {@code true} when a password is set
	 */
	public boolean isEnabled() {
		return this.password != null;
	}

	/**
	 * Describes the settings without the password, so that the properties can be logged.
	 */
	@Override
	public String toString() {
		return "AdminProperties[username=" + this.username + ", password=" + ((this.password != null) ? "(set)" : null)
				+ "]";
	}

}

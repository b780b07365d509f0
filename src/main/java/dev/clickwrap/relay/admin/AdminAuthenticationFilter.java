package dev.clickwrap.relay.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of every request under {@code /admin}, with the credentials
 * of {@link AdminProperties}. A filter rather than Spring Security, so that the webhook
 * and actuator endpoints keep their own rules. User name and password are compared by
 * their SHA-256 digests in constant time, which hides their content and length from a
 * caller measuring response times, and both are always compared, so a right user name is
 * not told apart from a wrong one.
 */
class AdminAuthenticationFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(AdminAuthenticationFilter.class);

	static final String CHALLENGE = "Basic realm=\"clickwrap-relay admin\"";

	private static final String BASIC_PREFIX = "basic ";

	private final byte[] usernameDigest;

	private final byte[] passwordDigest;

	private final ObjectMapper objectMapper;

	AdminAuthenticationFilter(AdminProperties properties, ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
		if (properties.isEnabled()) {
			this.usernameDigest = digest(properties.username());
			this.passwordDigest = digest(properties.password());
		}
		else {
			this.usernameDigest = null;
			this.passwordDigest = null;
			logger.info("The admin API under /admin is disabled until relay.admin.password is set");
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.passwordDigest == null) {
			refuse(request, response, HttpStatus.UNAUTHORIZED, "Admin API disabled",
					"The admin API is disabled until relay.admin.password is set");
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!isAccepted(authorization)) {
			if (authorization != null) {
				logger.warn("Refused an admin request to {} from {}: wrong credentials", request.getRequestURI(),
						request.getRemoteAddr());
			}
			refuse(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
					"The admin API needs HTTP Basic authentication with the relay.admin credentials");
			return;
		}
		if (isFromAnotherSite(request)) {
			// A browser that holds the credentials sends them along with a form that
			// another site posts here.
			refuse(request, response, HttpStatus.FORBIDDEN, "Cross-site request refused",
					"The admin API does not answer requests that a browser made on behalf of another site");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isFromAnotherSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		return site != null && !site.equals("same-origin") && !site.equals("none");
	}

	private boolean isAccepted(String authorization) {
		if (authorization == null || authorization.length() < BASIC_PREFIX.length()
				|| !authorization.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
			return false;
		}
		String credentials;
		try {
			byte[] decoded = Base64.getDecoder().decode(authorization.substring(BASIC_PREFIX.length()).strip());
			credentials = new String(decoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		int colon = credentials.indexOf(':');
		if (colon < 0) {
			return false;
		}
		boolean username = MessageDigest.isEqual(this.usernameDigest, digest(credentials.substring(0, colon)));
		boolean password = MessageDigest.isEqual(this.passwordDigest, digest(credentials.substring(colon + 1)));
		return username & password;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		try {
			problem.setInstance(new URI(request.getRequestURI()));
		}
		catch (URISyntaxException ex) {
			// the path is left out of the answer rather than the answer failing
		}
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.objectMapper.writeValueAsBytes(problem));
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}

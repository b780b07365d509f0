package dev.clickwrap.relay.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AdminAuthenticationFilterTests {

	@Test
	void startingWithoutAPasswordSaysAtInfoThatTheAdminApiIsDisabled(CapturedOutput output) {
		new AdminAuthenticationFilter(new AdminProperties("admin", "  "), new ObjectMapper());

		assertThat(output.getOut().lines().filter((line) -> line.contains("relay.admin.password"))).singleElement()
			.asString()
			.contains("INFO")
			.contains("disabled");
	}

	@Test
	void startingWithAPasswordSaysNothingAboutItAndNeverShowsIt(CapturedOutput output) throws Exception {
		AdminProperties properties = new AdminProperties("admin", "s3cret-value");
		AdminAuthenticationFilter filter = new AdminAuthenticationFilter(properties, new ObjectMapper());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/events");
		request.addHeader("Authorization", "Basic YWRtaW46czNjcmV0LXZhbHVl");
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).as("passed on to the admin API").isSameAs(request);
		assertThat(properties.toString()).doesNotContain("s3cret-value").contains("(set)");
		assertThat(output).doesNotContain("disabled").doesNotContain("s3cret-value");
	}

}

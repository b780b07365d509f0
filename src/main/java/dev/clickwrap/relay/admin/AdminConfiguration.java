package dev.clickwrap.relay.admin;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts authentication in front of the admin API, and only in front of it.
 */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

	@Bean
	FilterRegistrationBean<AdminAuthenticationFilter> adminAuthenticationFilter(AdminProperties properties,
			ObjectMapper objectMapper) {
		FilterRegistrationBean<AdminAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new AdminAuthenticationFilter(properties, objectMapper));
		registration.addUrlPatterns("/admin", "/admin/*");
		return registration;
	}

}

package dev.clickwrap.relay.salesforce;

import java.util.Set;

/**
 * One operation inside a composite request.
 *
 * @param method {@code GET}, {@code POST}, {@code PATCH}, {@code PUT} or {@code DELETE}
 * @param url the resource path, starting with {@code /services/data/} (see
 * {@link SalesforceClient#dataPath}); later subrequests may refer to earlier results as
 * {@code @{referenceId.id}}
 * @param referenceId names this operation's result within the request
 * @param body what Jackson writes as the JSON body (a {@code Map}, a {@code JsonNode}, a
 * record), or {@code null} for none; {@code null} values inside it are sent, which blanks
 * those fields
 */
public record CompositeSubrequest(String method, String url, String referenceId, Object body) {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");

	public CompositeSubrequest {
		if (referenceId == null || !referenceId.matches("[A-Za-z0-9_]+")) {
			throw new IllegalArgumentException(
					"A composite reference id must be letters, digits or underscores, not '" + referenceId + "'");
		}
		if (method == null || !METHODS.contains(method)) {
			throw new IllegalArgumentException(
					"Subrequest '" + referenceId + "' has an unsupported method '" + method + "'");
		}
		if (url == null || !url.startsWith("/services/data/")) {
			throw new IllegalArgumentException(
					"Subrequest '" + referenceId + "' must address a path under /services/data/, not '" + url + "'");
		}
	}

	/**
	 * An upsert or update: {@code PATCH url} with the given fields.
	 * @param referenceId names the result
	 * @param url the record path
	 * @param body the fields to write
	 * @return the subrequest
	 */
	public static CompositeSubrequest patch(String referenceId, String url, Object body) {
		return new CompositeSubrequest("PATCH", url, referenceId, body);
	}

}

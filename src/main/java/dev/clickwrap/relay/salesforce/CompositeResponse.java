package dev.clickwrap.relay.salesforce;

import java.util.List;
import java.util.Optional;

/**
 * Salesforce's answer to a composite request: one subresponse per subrequest, in order.
 * The call itself succeeds even when subrequests fail, so read each one.
 *
 * @param subresponses the subresponses, in the order of the subrequests
 */
public record CompositeResponse(List<CompositeSubresponse> subresponses) {

	public CompositeResponse {
		subresponses = List.copyOf(subresponses);
	}

	/**
	 * The subresponse for a reference id.
	 * @param referenceId the subrequest's reference id
	 * @return the subresponse, or empty when Salesforce returned none for it
	 */
	public Optional<CompositeSubresponse> find(String referenceId) {
		return this.subresponses.stream().filter((item) -> item.referenceId().equals(referenceId)).findFirst();
	}

	/**
	 * Whether every subrequest succeeded.
	 * @return {@code true} when no subresponse failed
	 */
	public boolean isSuccess() {
		return this.subresponses.stream().allMatch(CompositeSubresponse::isSuccess);
	}

	/**
	 * The subresponses that failed, including those rolled back because another failed.
	 * @return the failed subresponses, in order
	 */
	public List<CompositeSubresponse> failures() {
		return this.subresponses.stream().filter((item) -> !item.isSuccess()).toList();
	}

	/**
	 * The failure that caused the others: the first failed subresponse that was not
	 * merely rolled back.
	 * @return the causing failure, or empty when everything succeeded
	 */
	public Optional<CompositeSubresponse> rootFailure() {
		List<CompositeSubresponse> failures = failures();
		return failures.stream()
			.filter((item) -> !item.isRolledBack())
			.findFirst()
			.or(() -> failures.stream().findFirst());
	}

}

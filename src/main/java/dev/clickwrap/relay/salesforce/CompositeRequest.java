package dev.clickwrap.relay.salesforce;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Several operations sent to Salesforce's composite resource as one API call.
 *
 * @param allOrNone roll every operation back when one fails
 * @param subrequests the operations, in order; at most {@value #MAX_SUBREQUESTS}
 */
public record CompositeRequest(boolean allOrNone, List<CompositeSubrequest> subrequests) {

	/**
	 * The most subrequests Salesforce accepts in one composite request.
	 */
	public static final int MAX_SUBREQUESTS = 25;

	public CompositeRequest {
		subrequests = List.copyOf(subrequests);
		if (subrequests.isEmpty() || subrequests.size() > MAX_SUBREQUESTS) {
			throw new IllegalArgumentException(
					"A composite request holds 1 to " + MAX_SUBREQUESTS + " subrequests, not " + subrequests.size());
		}
		Set<String> referenceIds = new HashSet<>();
		for (CompositeSubrequest subrequest : subrequests) {
			if (!referenceIds.add(subrequest.referenceId())) {
				throw new IllegalArgumentException(
						"Reference id '" + subrequest.referenceId() + "' is used twice in one composite request");
			}
		}
	}

}

package dev.clickwrap.relay.admin;

import java.util.List;

import dev.clickwrap.relay.mapping.SkippedTarget;
import dev.clickwrap.relay.salesforce.CompositeRequest;
import dev.clickwrap.relay.salesforce.CompositeSubrequest;

/**
 * The Salesforce requests an agreement would cause, as the preview answers them.
 *
 * @param notificationId the id of the previewed notification
 * @param calls the composite requests, one API call each, as their JSON bodies; empty
 * when nothing would be written
 * @param skipped the mapping targets that would write nothing, with the reason
 */
record PreviewAnswer(String notificationId, List<CompositeBody> calls, List<SkippedTarget> skipped) {

	/**
	 * The JSON body of one composite request, as
	 * {@code POST /services/data/vXX.X/composite} takes it.
	 *
	 * @param allOrNone whether one failed subrequest rolls back the others
	 * @param compositeRequest the subrequests, each with method, url, referenceId and
	 * body
	 */
	record CompositeBody(boolean allOrNone, List<CompositeSubrequest> compositeRequest) {

		static CompositeBody of(CompositeRequest request) {
			return new CompositeBody(request.allOrNone(), request.subrequests());
		}

	}

}

package dev.clickwrap.relay.delivery;

import java.util.List;
import java.util.UUID;

import dev.clickwrap.relay.delivery.DeliveryPlan.Call;
import dev.clickwrap.relay.delivery.DeliveryPlanner.MappedEvent;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.mapping.MappedAgreement;
import dev.clickwrap.relay.mapping.SkippedTarget;
import dev.clickwrap.relay.salesforce.CompositeRequest;

import org.springframework.stereotype.Component;

/**
 * Shows what the delivery of one agreement would send to Salesforce, planned exactly as
 * the worker plans a batch, without storing or sending anything. Needs no Salesforce
 * credentials.
 */
@Component
public class DeliveryPreview {

	/**
	 * Stands for the event in the plan; a previewed agreement is never stored, so it has
	 * no id of its own.
	 */
	private static final UUID UNSTORED = new UUID(0, 0);

	private final AgreementReader reader;

	private final DeliveryPlanner planner;

	DeliveryPreview(AgreementReader reader, DeliveryPlanner planner) {
		this.reader = reader;
		this.planner = planner;
	}

	/**
	 * Plans the delivery of one agreement.
	 * @param agreement the agreement
	 * @return the composite calls that would deliver it and the mapping targets it skips
	 */
	public Preview preview(ActivityAgreed agreement) {
		MappedAgreement mapping = this.reader.map(agreement);
		if (mapping.writes().isEmpty()) {
			return new Preview(List.of(), mapping.skipped());
		}
		DeliveryPlan plan = this.planner.plan(List.of(new MappedEvent(UNSTORED, agreement, mapping.writes())));
		return new Preview(plan.calls().stream().map(Call::request).toList(), mapping.skipped());
	}

	/**
	 * What the delivery of one agreement would send.
	 *
	 * @param calls the composite requests, one API call each; empty when every mapping
	 * target is skipped
	 * @param skipped the mapping targets that write nothing for this agreement, with the
	 * reason
	 */
	public record Preview(List<CompositeRequest> calls, List<SkippedTarget> skipped) {

		public Preview {
			calls = List.copyOf(calls);
			skipped = List.copyOf(skipped);
		}

	}

}

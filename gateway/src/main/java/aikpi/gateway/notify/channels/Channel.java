package aikpi.gateway.notify.channels;

import io.cloudevents.CloudEvent;

/**
 * One way of telling a subscriber: a bean per channel ({@code webhook}, {@code dingtalk}, {@code slack}; email and
 * Kafka each one more bean), picked by the dispatcher by {@link #name()} for the subscription's {@code channel}. A delivery
 * either returns (delivered), or throws a {@link DeliveryException} that says whether trying again may help.
 */
public interface Channel {

    /** The subscription {@code channel} this bean delivers ({@code webhook}). */
    String name();

    /** Delivers {@code notice} (the CloudEvent the outbox holds; its id is the notice's stable id) to {@code to}. */
    void deliver(CloudEvent notice, Recipient to) throws DeliveryException;
}

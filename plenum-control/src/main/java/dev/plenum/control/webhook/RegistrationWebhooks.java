package dev.plenum.control.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.registration.RegistrationEvents;
import dev.plenum.control.registration.Registrant;
import org.jdbi.v3.core.Handle;

/** Queues a {@code registration.created} webhook in the transaction that creates the registration. */
public final class RegistrationWebhooks implements RegistrationEvents {
    private final Webhooks webhooks;
    private final ObjectMapper json = new ObjectMapper();

    public RegistrationWebhooks(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void registrationCreated(Handle h, long conferenceId, Registrant r) {
        ObjectNode data = json.createObjectNode().put("registrationId", r.id()).put("conferenceId", conferenceId)
                .put("name", r.name()).put("email", r.email()).put("status", r.status())
                .put("createdAt", r.createdAt().toString());
        ObjectNode answers = data.putObject("answers");
        r.answers().forEach(answers::put);
        webhooks.publish(h, r.organisationId(), WebhookEvent.REGISTRATION_CREATED, data.toString(), r.createdAt());
    }
}

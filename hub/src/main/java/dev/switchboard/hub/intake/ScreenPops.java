package dev.switchboard.hub.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.calls.Call;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.contacts.Contact;
import dev.switchboard.hub.contacts.ContactStore;
import dev.switchboard.hub.stream.Change;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.RingNotification;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Builds screen-pops: the caller's contact and latest calls, for an agent being rung ({@code
 * call_in}), or for a queue's agents when the PBX announces a caller before ringing anyone (a ring
 * notification). Stateless apart from its stores; thread-safe.
 */
final class ScreenPops {
  private static final ObjectMapper JSON = JsonMappers.create();
  static final int RECENT_CALLS = 5;

  /** How many of a queue's latest calls say who its agents are. */
  static final int QUEUE_HISTORY = 200;

  private final CallStore calls;
  private final AgentBoard agents;
  private final ContactStore contacts;

  ScreenPops(CallStore calls, AgentBoard agents, ContactStore contacts) {
    this.calls = calls;
    this.agents = agents;
    this.contacts = contacts;
  }

  /**
   * A ringing inbound call for {@code extension}, with the matched contact and recent calls; {@code
   * record} is the call's record as stored (the same payload as its call change, not rendered
   * again).
   */
  Change forCall(Handle handle, Call call, ObjectNode record, String extension, long seq) {
    ObjectNode data = JSON.createObjectNode();
    data.put("trigger", "call_in");
    data.put("extension", extension);
    data.putArray("extensions").add(extension);
    data.set("customer", customer(call.customer()));
    data.put("queue", call.queue().orElse(null));
    data.set("call", record);
    addCaller(handle, data, call.tenantId(), call.customer(), call.callId());
    return new Change(
        seq, call.tenantId(), Change.Kind.SCREEN_POP, Set.of(extension), call.queue(), data);
  }

  /**
   * A caller announced to a queue: popped to the queue's agents (the extensions of its latest
   * calls) who are not off, or to every agent not off when there is no queue or the hub has seen
   * none of its agents yet.
   */
  Change forRing(Handle handle, String tenantId, RingNotification ring, long seq) {
    Set<String> recipients = recipients(handle, tenantId, ring.queue());
    ObjectNode data = JSON.createObjectNode();
    data.put("trigger", "ring_notification");
    data.putNull("extension");
    var list = data.putArray("extensions");
    recipients.forEach(list::add);
    data.set("customer", customer(Optional.of(ring.phone())));
    data.put("queue", ring.queue().orElse(null));
    data.putNull("call");
    addCaller(handle, data, tenantId, Optional.of(ring.phone()), "");
    return new Change(seq, tenantId, Change.Kind.SCREEN_POP, recipients, ring.queue(), data);
  }

  private Set<String> recipients(Handle handle, String tenantId, Optional<String> queue) {
    List<AgentStatus> board = agents.list(handle, tenantId);
    Set<String> off = new LinkedHashSet<>();
    Set<String> available = new LinkedHashSet<>();
    for (AgentStatus agent : board) {
      (agent.status().equals("off") ? off : available).add(agent.extension());
    }
    if (queue.isPresent()) {
      Set<String> members = new LinkedHashSet<>();
      for (String extension :
          calls.extensionsOfQueue(handle, tenantId, queue.get(), QUEUE_HISTORY)) {
        if (!off.contains(extension)) {
          members.add(extension);
        }
      }
      if (!members.isEmpty()) {
        return members;
      }
    }
    return available;
  }

  private void addCaller(
      Handle handle,
      ObjectNode data,
      String tenantId,
      Optional<PhoneNumber> phone,
      String exceptCallId) {
    Optional<Contact> contact =
        phone.flatMap(number -> contacts.match(handle, tenantId, number).stream().findFirst());
    data.set("contact", contact.map(Contact::toJson).orElse(null));
    var recent = data.putArray("recent_calls");
    phone.ifPresent(
        number ->
            calls
                .recentCallsOf(handle, tenantId, number, exceptCallId, RECENT_CALLS)
                .forEach(recent::add));
  }

  private static ObjectNode customer(Optional<PhoneNumber> phone) {
    ObjectNode node = JSON.createObjectNode();
    node.put("phone", phone.flatMap(PhoneNumber::e164).orElse(null));
    node.put("raw", phone.map(PhoneNumber::raw).orElse(null));
    return node;
  }
}

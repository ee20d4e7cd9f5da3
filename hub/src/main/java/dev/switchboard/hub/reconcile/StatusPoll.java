package dev.switchboard.hub.reconcile;

import dev.switchboard.client.PbxClientException;
import dev.switchboard.client.PbxRefusedException;
import dev.switchboard.hub.actions.PbxClients;
import dev.switchboard.hub.agents.AgentBoard;
import dev.switchboard.hub.agents.AgentStatus;
import dev.switchboard.hub.events.EventDraft;
import dev.switchboard.hub.events.RawFormat;
import dev.switchboard.hub.events.Source;
import dev.switchboard.hub.intake.EventWriter;
import dev.switchboard.hub.tenants.Tenant;
import dev.switchboard.hub.tenants.TenantStore;
import dev.switchboard.protocol.api.ExtensionStatus;
import dev.switchboard.protocol.api.QueueMember;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrects drift on the live board: asks each tenant's PBX for the status of every extension the
 * hub knows or the queues list, and where the board differs, logs an {@code agent_status} event of
 * source {@code status-poll} (so the correction is in the log and on the stream) and says so in the
 * log. Run {@link #runOnce} on a schedule; thread-safe.
 */
public final class StatusPoll {
  private static final Logger log = LoggerFactory.getLogger(StatusPoll.class);

  private final TenantStore tenants;
  private final PbxClients clients;
  private final AgentBoard board;
  private final EventWriter writer;
  private final Clock clock;

  /** A poll correcting {@code board} through {@code writer}. */
  public StatusPoll(
      TenantStore tenants, PbxClients clients, AgentBoard board, EventWriter writer, Clock clock) {
    this.tenants = tenants;
    this.clients = clients;
    this.board = board;
    this.writer = writer;
    this.clock = clock;
  }

  /** Polls every tenant with PBX settings; returns how many statuses it corrected. */
  public int runOnce() {
    int corrected = 0;
    for (Tenant tenant : tenants.list()) {
      if (tenants.pbx(tenant.id()).isEmpty()) {
        continue;
      }
      try {
        corrected += poll(tenant);
      } catch (PbxClientException unreachable) {
        log.warn(
            "extension status of tenant {} could not be read: {}",
            tenant.id(),
            unreachable.getMessage());
      }
    }
    return corrected;
  }

  private int poll(Tenant tenant) {
    var client = clients.forTenant(tenant.id());
    Map<String, AgentStatus> onBoard =
        board.list(Optional.of(tenant.id())).stream()
            .collect(Collectors.toMap(AgentStatus::extension, Function.identity()));
    TreeSet<String> extensions = new TreeSet<>(onBoard.keySet());
    TreeSet<String> queueMembers = new TreeSet<>();
    for (QueueMembers queue : client.queueMembers()) {
      queue.members().stream().map(QueueMember::extension).forEach(queueMembers::add);
    }
    extensions.addAll(queueMembers);
    if (extensions.isEmpty()) {
      return 0;
    }
    List<ExtensionStatus> statuses;
    try {
      statuses = client.extensionStatus(List.copyOf(extensions));
    } catch (PbxRefusedException unknownExtension) {
      // An extension only the board knows (a typo in a webhook, a removed phone) makes the PBX
      // refuse the whole list: ask for the queues' members alone.
      statuses = client.extensionStatus(List.copyOf(queueMembers));
    }
    WebhookParser parser = new WebhookParser(tenant.zone());
    int corrected = 0;
    for (ExtensionStatus status : statuses) {
      AgentStatus known = onBoard.get(status.extension());
      String actual = status.status().code();
      if (known != null && known.status().equals(actual)) {
        continue;
      }
      String query = "extension=" + status.extension() + "&status=" + actual;
      var event = parser.parseQuery(WebhookPath.AGENT_STATUS, query).event();
      writer
          .submit(
              EventDraft.webhook(
                  tenant.id(),
                  clock.instant().truncatedTo(ChronoUnit.MILLIS),
                  Source.STATUS_POLL,
                  null,
                  event,
                  WebhookPath.AGENT_STATUS,
                  RawFormat.QUERY,
                  query))
          .join();
      log.info(
          "tenant {}: extension {} was {} on the board, the PBX says {}; corrected",
          tenant.id(),
          status.extension(),
          known == null ? "unknown" : known.status(),
          actual);
      corrected++;
    }
    return corrected;
  }
}

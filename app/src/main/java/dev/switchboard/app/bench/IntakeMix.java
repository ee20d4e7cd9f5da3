package dev.switchboard.app.bench;

import dev.switchboard.app.conformance.ConformanceCommand;
import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.phone.PhoneNumber;
import dev.switchboard.protocol.webhook.AgentAnswered;
import dev.switchboard.protocol.webhook.CallDataPending;
import dev.switchboard.protocol.webhook.CallId;
import dev.switchboard.protocol.webhook.RingNotification;
import dev.switchboard.protocol.webhook.WebhookFormatter;
import dev.switchboard.protocol.webhook.WebhookRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The bench's webhook mix: {@code calls} calls in progress at once, each answered (or rung, or
 * dialled out) by its own agent, so hundreds of agents change status as their calls go. Every seed
 * event type is in it, formatted by the emulator's own engine for the conformance kit's scripted
 * calls (answered, not answered, abandoned, busy, outbound, pause and unpause), plus a queue's ring
 * notification, the agent-answered {@code calldata} and an empty one, and replayed with each call's
 * own callid, caller and agent.
 *
 * <p>The n-th request belongs to slot {@code n % calls}; a slot's calls follow one another, and the
 * next webhook of a call is sent only {@code calls} requests after the previous one, as a PBX with
 * that many calls in progress sends them. Each slot runs the same cycle of calls: four answered
 * inbound, one outbound, one not answered, one abandoned, one busy, then a pause and an unpause of
 * its agent: 47 webhooks, 18 of them {@code ChangeStatus}.
 */
public final class IntakeMix {
  private static final String CALLID = "CALLIDX";
  private static final String EXTENSION = "EXTENSIONX";
  private static final String PHONE = "PHONEX";

  /** Scenario names of the conformance plan, in the order of one slot's cycle. */
  private static final List<String> CYCLE =
      List.of(
          "answered inbound",
          "outbound answered",
          "answered inbound",
          "agent no answer",
          "answered inbound",
          "missed (abandoned)",
          "answered inbound",
          "busy",
          "agent pause, unpause");

  /** One webhook of a cycle: its template and which call of the cycle it belongs to. */
  private record Step(String template, int call) {}

  private final List<Step> cycle;

  private IntakeMix(List<Step> cycle) {
    this.cycle = List.copyOf(cycle);
  }

  /** The mix, built from the conformance kit's scripted calls in {@code edition}. */
  public static IntakeMix of(Edition edition) {
    Map<String, List<String>> byScenario = new LinkedHashMap<>();
    for (ConformanceCommand.Planned planned : ConformanceCommand.plan(edition)) {
      byScenario
          .computeIfAbsent(planned.scenario(), s -> new ArrayList<>())
          .add(template(planned.request()));
    }
    // The kinds the scripted calls do not send: a queue's ring notification before anyone rings,
    // the agent-answered calldata, and a real PBX's empty calldata (the record comes later).
    WebhookFormatter formatter = new WebhookFormatter(edition, ZoneId.of("Asia/Ho_Chi_Minh"));
    String ringNotification =
        template(
            formatter.format(
                RingNotification.of(PhoneNumber.parse("0938363739"), Optional.of("999"))));
    String pending =
        template(
            formatter.format(
                CallDataPending.of(CallId.of("00000000-0000-4000-8000-000000000000"))));
    String agentAnswered =
        template(
            formatter.format(
                new AgentAnswered(
                    CallId.of("00000000-0000-4000-8000-000000000000"),
                    "101",
                    Optional.of("999"),
                    Optional.of(PhoneNumber.parse("0938363739")),
                    Map.of())));
    List<Step> cycle = new ArrayList<>();
    for (int call = 0; call < CYCLE.size(); call++) {
      List<String> templates = new ArrayList<>(byScenario.getOrDefault(CYCLE.get(call), List.of()));
      if (templates.isEmpty()) {
        throw new IllegalStateException("no scripted call named " + CYCLE.get(call));
      }
      if (CYCLE.get(call).equals("answered inbound")) {
        // the agent-answered calldata right after the call_in ANSWER
        int answer =
            templates.indexOf(
                templates.stream()
                    .filter(t -> t.contains("event=ANSWER"))
                    .findFirst()
                    .orElseThrow());
        templates.add(answer + 1, agentAnswered);
      }
      if (call == 0) {
        templates.add(0, ringNotification);
      }
      if (CYCLE.get(call).equals("busy")) {
        templates.add(1, pending); // after its hangup, before its record
      }
      for (String template : templates) {
        cycle.add(new Step(template, call));
      }
    }
    return new IntakeMix(cycle);
  }

  /** The request's path and query with its callid, extension and phone made placeholders. */
  private static String template(WebhookRequest request) {
    String text = request.pathAndQuery();
    Optional<String> callid = request.fields().get("callid");
    if (callid.isPresent()) {
      text = text.replace(callid.get(), CALLID);
    }
    text = replaceField(text, "extension", request.fields().get("extension"), EXTENSION);
    return replaceField(text, "phone", request.fields().get("phone"), PHONE);
  }

  private static String replaceField(
      String text, String name, Optional<String> value, String placeholder) {
    if (value.isEmpty()) {
      return text;
    }
    return text.replace(name + "=" + value.get() + "&", name + "=" + placeholder + "&")
        .replaceAll("([?&]" + name + "=)" + value.get() + "$", "$1" + placeholder);
  }

  /**
   * The n-th request's URL under {@code base} (a tenant's webhook URL) for a run named {@code run}
   * with {@code calls} calls in progress, the agents' extensions starting at {@code firstAgent}.
   */
  public LongFunction<String> urls(String base, String run, int calls, int firstAgent) {
    String tag = String.format("%08x", run.hashCode());
    return n -> {
      int slot = (int) (n % calls);
      long position = n / calls;
      long round = position / cycle.size();
      Step step = cycle.get((int) (position % cycle.size()));
      long call = round * CYCLE.size() + step.call();
      String callid =
          String.format(
              "%s-%04x-4%03x-8%03x-%012x", tag, slot & 0xffff, slot % 4096, call % 4096, call);
      String phone =
          String.format(
              "09%08d", Math.floorMod(slot * 104_729L + call * 15_485_863L, 100_000_000L));
      return base
          + step.template()
              .replace(CALLID, callid)
              .replace(EXTENSION, Integer.toString(firstAgent + slot))
              .replace(PHONE, phone);
    };
  }

  /** The webhooks of one slot's cycle, as templates (for tests and the bench's heading). */
  List<String> cycle() {
    return cycle.stream().map(Step::template).toList();
  }
}

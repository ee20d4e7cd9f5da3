package dev.switchboard.pbx.config;

import dev.switchboard.protocol.Edition;
import dev.switchboard.protocol.api.PbxKey;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call center the emulator runs without a configuration file: one tenant (domain {@code
 * abc.com} with the documents' example key), agents 101-112 and the supervisor's 100 (in no queue),
 * queue 999 (sales, round robin, 101-106) and 998 (support, ring all, 107-112), number 19002028 to
 * sales and 19002029 to support, recording on.
 */
public final class BuiltInCallCenter {
  /** The documents' example domain. */
  public static final String DOMAIN = "abc.com";

  /** The documents' example key. */
  public static final String KEY = "98589afb55de863cf4d5cd4ec2c41072";

  private static final String[] NAMES = {
    "Nguyễn An", "Trần Bình", "Lê Chi", "Phạm Dũng", "Hoàng Giang", "Huỳnh Hà",
    "Võ Khánh", "Đặng Lan", "Bùi Minh", "Đỗ Ngọc", "Hồ Phúc", "Ngô Quân"
  };

  /** The supervisor's extension: in no queue, never used by generated traffic. */
  public static final String SUPERVISOR = "100";

  private BuiltInCallCenter() {}

  /** The built-in tenant, sending webhooks to {@code crmUrl} in {@code edition}. */
  public static TenantSetup tenant(Optional<String> crmUrl, Edition edition) {
    List<AgentSetup> agents = new ArrayList<>();
    // 100 is in no queue, so generated traffic never uses it: the supervisor's phone, free for
    // click-to-call and listening in whenever a person tries it.
    agents.add(new AgentSetup(SUPERVISOR, "Giám sát", 1.0, Duration.ZERO));
    for (int i = 0; i < 12; i++) {
      agents.add(new AgentSetup(Integer.toString(101 + i), NAMES[i], 0.85, Duration.ofSeconds(5)));
    }
    List<QueueSetup.Member> sales = new ArrayList<>();
    List<QueueSetup.Member> support = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sales.add(new QueueSetup.Member(Integer.toString(101 + i), i < 3 ? 0 : 1));
      support.add(new QueueSetup.Member(Integer.toString(107 + i), 0));
    }
    return new TenantSetup(
        DOMAIN,
        new PbxKey(KEY),
        crmUrl,
        false,
        ZoneId.of("Asia/Ho_Chi_Minh"),
        edition,
        agents,
        List.of(
            new QueueSetup(
                "999",
                "Sales",
                QueueSetup.Strategy.ROUNDROBIN,
                Duration.ofSeconds(15),
                Duration.ofMinutes(2),
                sales),
            new QueueSetup(
                "998",
                "Support",
                QueueSetup.Strategy.RINGALL,
                Duration.ofSeconds(20),
                Duration.ofMinutes(3),
                support)),
        Map.of("19002028", "999", "19002029", "998"),
        true);
  }
}

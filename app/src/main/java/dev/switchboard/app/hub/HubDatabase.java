package dev.switchboard.app.hub;

import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.store.Database;

/** Opens the hub's database for the maintenance commands (tenants, rebuild, import). */
final class HubDatabase {
  private HubDatabase() {}

  static Database open(HubConfig config) {
    return Database.open(config.database(), "hub");
  }
}

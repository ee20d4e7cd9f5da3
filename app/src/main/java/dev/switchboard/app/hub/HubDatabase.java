package dev.switchboard.app.hub;

import dev.switchboard.hub.config.HubConfig;
import dev.switchboard.store.Database;

/**
 * Opens the hub's database for the maintenance commands (tenants, rebuild, import), which may run
 * beside a serving hub: as a background writer, paced so the hub's writer is never starved.
 */
final class HubDatabase {
  private HubDatabase() {}

  static Database open(HubConfig config) {
    return Database.openInBackground(config.database(), "hub");
  }
}

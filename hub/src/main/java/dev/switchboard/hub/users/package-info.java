/**
 * The console's people: users with a role (agent, supervisor, admin), the extension and queues that
 * bound what they see, and their Argon2id password hashes. A hash never leaves this package except
 * into the database.
 */
package dev.switchboard.hub.users;

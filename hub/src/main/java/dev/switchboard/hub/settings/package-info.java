/**
 * The admin page's tenant settings over {@code /v1/tenant}: time zone, routing policy, the PBX
 * connection (its key written, never read back) and the webhook token's rotation. Admins only;
 * every change is validated whole before anything is written, and audited.
 */
package dev.switchboard.hub.settings;

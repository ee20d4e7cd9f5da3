/**
 * One database code path for SQLite (the embedded default) and PostgreSQL: a pooled {@link
 * javax.sql.DataSource}, Flyway migrations per module and a JDBI handle. SQL written against it
 * uses only what both databases understand ({@code ON CONFLICT}, {@code RETURNING}); table
 * definitions may differ per database in {@code db/migration/<module>/<vendor>}.
 */
package dev.switchboard.store;

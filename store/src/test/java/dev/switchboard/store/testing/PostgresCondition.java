package dev.switchboard.store.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link PostgresTest} classes only where a test PostgreSQL is configured, and says so in
 * the build output when it is not, once per test class.
 */
public final class PostgresCondition implements ExecutionCondition {
  static final String REASON =
      "PostgreSQL tests skipped: SWITCHBOARD_TEST_PG_URL is not set (.ci/run sets it; e.g."
          + " jdbc:postgresql://127.0.0.1:5432/switchboard_test?user=postgres)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestDatabases.postgresAvailable()) {
      return ConditionEvaluationResult.enabled("SWITCHBOARD_TEST_PG_URL is set");
    }
    if (context.getTestMethod().isEmpty()) {
      System.out.println("[SKIPPED] " + context.getDisplayName() + ": " + REASON);
    }
    return ConditionEvaluationResult.disabled(REASON);
  }
}

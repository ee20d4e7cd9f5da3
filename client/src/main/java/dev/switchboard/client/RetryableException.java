package dev.switchboard.client;

/**
 * Marks a failure that may well succeed if the same call is made again later: the PBX could not be
 * reached, did not answer in time, or failed on its side (HTTP 5xx). Retry with a backoff; note
 * that a retried {@code dial} may place the call twice if the first attempt reached the PBX after
 * all.
 */
public interface RetryableException {}

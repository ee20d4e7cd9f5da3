package dev.switchboard.server.testing;

/** The kinds of hostile request the {@link HostileGenerator} makes, one set of attacks each. */
public enum Category {
  /** Paths, query strings, bodies and JSON far larger or deeper than anything legitimate. */
  OVERSIZE,
  /** {@code %}, {@code %4}, {@code %zz}, {@code %u0041}, encoded slashes and NULs, bad escapes. */
  BROKEN_PERCENT_ENCODING,
  /** Raw bytes that are no UTF-8 (lone continuations, overlongs, surrogates) in every part. */
  INVALID_UTF8,
  /** NUL, bare CR or LF, tabs, DEL and other control bytes in the request line, headers, body. */
  CONTROL_BYTES,
  /** Missing, empty, wrong, case-changed, padded, doubled or oversized tokens and keys. */
  WRONG_CREDENTIALS,
  /** SQL, JSON, header, path-traversal, template and script text in every value. */
  INJECTION,
  /** {@code 1e309}, {@code -0}, {@code NaN}, 30-digit integers and the like in every value. */
  HUGE_NUMBERS,
  /** Impossible, out-of-range, zoned and malformed dates and times. */
  DATES,
  /** The same query parameter, form field, JSON member, header or path parameter twice. */
  DUPLICATED_PARAMETERS,
  /** Every other method on every route: HEAD, OPTIONS, PUT, TRACE, unknown and malformed ones. */
  METHODS,
  /** Missing, wrong, unknown-charset, malformed and conflicting content types and encodings. */
  CONTENT_TYPES,
  /** Bodies shorter or longer than Content-Length, broken chunked encoding, bad request lines. */
  FRAMING,
  /** Header values, names and counts beyond any server's limit. */
  HUGE_HEADERS,
  /** Requests sent a byte at a time, stalled half-way, or abandoned. */
  SLOW_CLIENTS
}

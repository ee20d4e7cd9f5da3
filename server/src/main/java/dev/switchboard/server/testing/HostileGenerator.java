package dev.switchboard.server.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile HTTP requests from a list of {@link Target}s: for each {@link Category}, every
 * attack of the category on every target, in an order shuffled by the seed, then again with other
 * random choices as long as more are asked for. The same seed, targets and count give the same
 * bytes. Immutable and thread-safe.
 */
public final class HostileGenerator {
  private final long seed;
  private final List<Target> targets;

  /** A generator over {@code targets} (at least one), repeatable with {@code seed}. */
  public HostileGenerator(long seed, List<Target> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    this.seed = seed;
    this.targets = List.copyOf(targets);
  }

  /** {@code count} requests of {@code category}. */
  public List<HostileRequest> generate(Category category, int count) {
    return generate(category, 0, count);
  }

  /**
   * The requests {@code from} (inclusive) to {@code to} (exclusive) of {@code category}: the same
   * as those of {@code generate(category, to)} at those places, so a long run can be made and sent
   * a part at a time.
   */
  public List<HostileRequest> generate(Category category, int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no requests from " + from + " to " + to);
    }
    List<Attack> attacks = attacks(category);
    List<int[]> pairs = new ArrayList<>();
    for (int a = 0; a < attacks.size(); a++) {
      for (int t = 0; t < targets.size(); t++) {
        pairs.add(new int[] {a, t});
      }
    }
    Collections.shuffle(pairs, new Random(seed * 1_000_003L + category.ordinal()));
    List<HostileRequest> requests = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      int[] pair = pairs.get(i % pairs.size());
      requests.add(make(category, i, attacks.get(pair[0]), targets.get(pair[1])));
    }
    return requests;
  }

  /** The error shapes of every target: what a reply to a request that left its route may have. */
  public ErrorShape anyShape() {
    return ErrorShape.anyOf(targets.stream().map(Target::errors).toList());
  }

  /** The secrets the targets carry. */
  public List<String> secrets() {
    return targets.stream().flatMap(t -> t.secret().stream()).distinct().toList();
  }

  private HostileRequest make(Category category, int index, Attack attack, Target target) {
    Random random = new Random((seed * 31 + category.ordinal()) * 1_000_003L + index);
    Draft draft = new Draft(target);
    String detail = attack.apply().apply(draft, random);
    return new HostileRequest(
        category,
        index,
        attack.name() + (detail.isEmpty() ? "" : " (" + detail + ")"),
        target.name(),
        Wire.bytes(draft.render()),
        draft.pacing,
        draft.halfClose,
        draft.method.equals("HEAD"),
        draft.routeless,
        draft.changedRoute ? java.util.Optional.empty() : java.util.Optional.of(target.errors()),
        target.secret());
  }

  static List<Attack> attacks(Category category) {
    return switch (category) {
      case OVERSIZE -> OversizeAttacks.all();
      case BROKEN_PERCENT_ENCODING -> PercentEncodingAttacks.all();
      case INVALID_UTF8 -> Utf8Attacks.all();
      case CONTROL_BYTES -> ControlByteAttacks.all();
      case WRONG_CREDENTIALS -> CredentialAttacks.all();
      case INJECTION -> InjectionAttacks.all();
      case HUGE_NUMBERS -> NumberAttacks.all();
      case DATES -> DateAttacks.all();
      case DUPLICATED_PARAMETERS -> DuplicateAttacks.all();
      case METHODS -> MethodAttacks.all();
      case CONTENT_TYPES -> ContentTypeAttacks.all();
      case FRAMING ->
          java.util.stream.Stream.concat(
                  BodyFramingAttacks.all().stream(), MessageFramingAttacks.all().stream())
              .toList();
      case HUGE_HEADERS -> HeaderSizeAttacks.all();
      case SLOW_CLIENTS -> SlowClientAttacks.all();
    };
  }
}

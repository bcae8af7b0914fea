package io.mooring.disclosure;

import io.mooring.relations.Relation;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Who one grant opens an item to. No grant at all means "only me". */
public enum Audience {
  PERSON("userId", Relation.PERSON),
  SUPERVISORS(null, Relation.SUPERVISOR),
  PAIRING("pairingId", Relation.PAIRING_SUPERVISOR),
  CIRCLE("circleId", Relation.CIRCLE_PEER),
  TEAM(null, Relation.TEAMMATE),
  ORGANIZATION(null, Relation.COLLEAGUE);

  public static final Set<String> NAMES = names();

  /** The JSON field naming the target, for audiences that have one. */
  public final String targetField;

  /** Who counts as this audience: decided once, for every feature, in io.mooring.relations. */
  public final Relation relation;

  Audience(String targetField, Relation relation) {
    this.targetField = targetField;
    this.relation = relation;
  }

  public String dbName() {
    return name().toLowerCase();
  }

  public boolean hasTarget() {
    return targetField != null;
  }

  public static Optional<Audience> find(String s) {
    return Arrays.stream(values()).filter(a -> a.dbName().equals(s)).findFirst();
  }

  private static Set<String> names() {
    Set<String> s = new LinkedHashSet<>();
    for (Audience a : values()) {
      s.add(a.dbName());
    }
    return java.util.Collections.unmodifiableSet(s);
  }
}

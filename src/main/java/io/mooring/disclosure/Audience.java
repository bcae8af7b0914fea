package io.mooring.disclosure;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Who one grant opens an item to. No grant at all means "only me". */
public enum Audience {
  PERSON("userId"),
  SUPERVISORS(null),
  PAIRING("pairingId"),
  CIRCLE("circleId"),
  TEAM(null),
  ORGANIZATION(null);

  public static final Set<String> NAMES = names();

  /** The JSON field naming the target, for audiences that have one. */
  public final String targetField;

  Audience(String targetField) {
    this.targetField = targetField;
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

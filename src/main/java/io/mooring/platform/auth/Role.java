package io.mooring.platform.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a person can hold in their organization; one person may hold several. */
public enum Role {
  ADMIN, SUPERVISOR, PEER;

  public static final Set<String> NAMES =
      Arrays.stream(values()).map(Role::dbName).collect(Collectors.toUnmodifiableSet());

  public String dbName() {
    return name().toLowerCase();
  }

  public static Role of(String s) {
    return valueOf(s.toUpperCase());
  }

  /** A roles column ({@code text[]}) as the set a person holds. */
  public static Set<Role> setOf(String[] names) {
    return Arrays.stream(names).map(Role::of).collect(Collectors.toUnmodifiableSet());
  }
}

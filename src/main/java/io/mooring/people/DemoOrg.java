package io.mooring.people;

import io.mooring.platform.auth.CurrentUser;
import java.util.Map;

/**
 * What feature demo loaders build on: the organization, its admin, everyone by handle, teams by name.
 * It lives in {@code people} (below the features) so a feature's {@code *Demo} needs neither the demo
 * package nor {@code io.mooring.Services}: {@code demo.DemoData} calls each one with just what it uses.
 */
public record DemoOrg(long orgId, CurrentUser admin, Map<String, Person> people, Map<String, Long> teams) {
  public Person person(String handle) {
    Person p = people.get(handle);
    if (p == null) {
      throw new IllegalArgumentException("no demo person " + handle);
    }
    return p;
  }
}

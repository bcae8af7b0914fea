package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.platform.http.ApiContract;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The document lists exactly the item kinds the code knows, wherever a kind appears in a path. */
class DisclosureContractTest {
  @Test
  void everyKindParameterHasTheCodesKindsAsItsEnum() {
    JsonObject paths = ApiContract.assembleFromResources().getJsonObject("paths");
    List<String> checked = new ArrayList<>();
    paths.forEach(p -> ((JsonObject) p.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject o && o.getJsonArray("parameters") != null) {
        o.getJsonArray("parameters").stream().map(JsonObject.class::cast).filter(x -> "kind".equals(x.getString("name")) && "path".equals(x.getString("in")))
            .forEach(x -> {
              Set<Object> documented = new TreeSet<>(x.getJsonObject("schema").getJsonArray("enum").getList());
              assertEquals(new TreeSet<>(ItemKind.NAMES), documented, p.getKey());
              checked.add(op.getKey() + " " + p.getKey());
            });
      }
    }));
    assertEquals(3, checked.size(), checked.toString());
  }
}

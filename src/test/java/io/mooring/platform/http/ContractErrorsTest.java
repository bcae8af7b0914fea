package io.mooring.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the validator's output becomes field names and plain messages. */
class ContractErrorsTest {

  static OutputUnit unit(String keywordLocation, String instanceLocation, String error) {
    return new OutputUnit(instanceLocation, keywordLocation, keywordLocation, error, OutputErrorType.INVALID_VALUE);
  }

  @Test
  void jsonPointersBecomeFieldNames() {
    assertEquals("", ContractErrors.field("#"));
    assertEquals("name", ContractErrors.field("#/name"));
    assertEquals("address.city", ContractErrors.field("/address/city"));
    assertEquals("items[2].label", ContractErrors.field("#/items/2/label"));
    assertEquals("a/b.c~d", ContractErrors.field("#/a~1b/c~0d"));
  }

  @Test
  void anUnknownPropertyIsOnlyOneWithNoOtherComplaint() {
    OutputUnit root = new OutputUnit(false).setErrors(List.of(
        unit("#/properties", "#/active", "Property \"active\" does not match schema"),
        unit("#/properties/active/type", "#/active", "Instance type string is invalid. Expected boolean"),
        unit("#/additionalProperties", "#/active", "Property \"active\" does not match additional properties schema"),
        unit("#/additionalProperties", "#/colour", "Property \"colour\" does not match additional properties schema"),
        unit("#/required", "#", "Instance does not have required property \"name\""),
        unit("#/properties/address/additionalProperties", "#/address/zip4", "Property \"zip4\" does not match additional properties schema")));
    assertEquals(List.of(
        new AppException.FieldError("active", "must be a boolean"),
        new AppException.FieldError("colour", "is not a known field"),
        new AppException.FieldError("name", "is required"),
        new AppException.FieldError("address.zip4", "is not a known field")), ContractErrors.fieldErrors(root));
  }

  @Test
  void messagesAreSaidTheWayInputSaysThem() {
    assertEquals("must be an integer", ContractErrors.friendly("Instance type string is invalid. Expected integer"));
    assertEquals("must not be empty", ContractErrors.friendly("String is too short (0 < 1)"));
    assertEquals("must be at least 12 characters", ContractErrors.friendly("String is too short (5 < 12)"));
    assertEquals("must be at most 120 characters", ContractErrors.friendly("String is too long (130 > 120)"));
    assertEquals("must be one of a, b", ContractErrors.friendly("Instance does not match any of [\"a\",\"b\"]"));
    assertEquals("must be at most 200", ContractErrors.friendly("500 is greater than 200"));
    assertEquals("must be at least 1", ContractErrors.friendly("0 is less than 1"));
    assertEquals("must be an email address", ContractErrors.friendly("String does not match format \"email\""));
    assertEquals("something else entirely", ContractErrors.friendly("Something else entirely"));
  }

  @Test
  void listSizesEmptyBodiesAndTypeListsAreSaidInWords() {
    assertEquals("choose at most 12", ContractErrors.friendly("Array has too many items ( + 13 > 12)"));
    assertEquals("choose at least one", ContractErrors.friendly("Array has too few items ( + 0 < 1)"));
    assertEquals("choose at least 2", ContractErrors.friendly("Array has too few items ( + 1 < 2)"));
    assertEquals("send at least one field", ContractErrors.friendly("Instance does not have at least 1 properties"));
    assertEquals("must be text or null", ContractErrors.friendly("Instance type number is invalid. Expected string, null"));
    assertEquals("must be a whole number or null", ContractErrors.friendly("Instance type string is invalid. Expected integer, null"));
    assertEquals("must be one of young adults, later life", ContractErrors.friendly("Instance does not match any of [\"young_adults\",\"later_life\"]", true));
  }

  @Test
  void aFailedOneOfIsSaidByItsAlternativesNotAsASubschema() {
    OutputUnit inner = new OutputUnit(false).setErrors(List.of(
        unit("#/properties/meeting/oneOf", "#/meeting", "Instance does not match exactly one subschema (0 matches)"),
        unit("#/properties/meeting/oneOf/0/properties/where/type", "#/meeting/where", "Instance type number is invalid. Expected string, null"),
        unit("#/properties/meeting/oneOf/1/type", "#/meeting", "Instance type object is invalid. Expected null")));
    assertEquals(List.of(new AppException.FieldError("meeting.where", "must be text or null")), ContractErrors.fieldErrors(inner));
    OutputUnit whole = new OutputUnit(false).setErrors(List.of(
        unit("#/properties/meeting/oneOf", "#/meeting", "Instance does not match exactly one subschema (0 matches)"),
        unit("#/properties/meeting/oneOf/0/type", "#/meeting", "Instance type number is invalid. Expected object"),
        unit("#/properties/meeting/oneOf/1/type", "#/meeting", "Instance type number is invalid. Expected null")));
    assertEquals(List.of(new AppException.FieldError("meeting", "must be an object or null")), ContractErrors.fieldErrors(whole));
  }

  @Test
  void parameterFailuresNameTheParameterAndPathFailuresAre404() {
    OutputUnit out = new OutputUnit(false).setErrors(List.of(unit("#/maximum", "#", "500 is greater than 200")));
    var limit = ContractErrors.toProblem(new SchemaValidationException(
        "The value of query parameter limit is invalid. Reason: 500 is greater than 200", ValidatorErrorType.INVALID_VALUE, out, null));
    assertEquals(List.of(new AppException.FieldError("limit", "must be at most 200")), limit.fieldErrors());
    var path = ContractErrors.toProblem(new SchemaValidationException(
        "The value of path parameter userId is invalid. Reason: x", ValidatorErrorType.INVALID_VALUE, out, null));
    assertEquals(ErrorCode.NOT_FOUND, path.code());
    var media = ContractErrors.toProblem(new ValidatorException("The format of the request body is not supported",
        ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT));
    assertEquals(ErrorCode.UNSUPPORTED_MEDIA, media.code());
    assertNull(ContractErrors.toProblem(new IllegalStateException("a bug")), "not a validation failure: stays a 500");
  }
}

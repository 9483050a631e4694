using System.Text.Json.Serialization;

namespace AotAuth.AwsStackAuthorizer;

/// <summary>The Runtime API's error document, as RuntimeSupport posts it.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("errorType")] string ErrorType, [property: JsonPropertyName("errorMessage")] string ErrorMessage);

/// <summary>Source-generated JSON for <see cref="ErrorBody"/> (no reflection under Native AOT).</summary>
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class StandInJson : JsonSerializerContext;

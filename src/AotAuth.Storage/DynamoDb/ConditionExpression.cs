namespace AotAuth.Storage;

/// <summary>A DynamoDB condition expression with its placeholders, e.g. <c>attribute_not_exists(#k)</c>.</summary>
/// <param name="Expression">The expression text.</param>
/// <param name="Names">ExpressionAttributeNames (#name to attribute name), or null.</param>
/// <param name="Values">ExpressionAttributeValues (:value to value), or null.</param>
public sealed record ConditionExpression(
    string Expression,
    IReadOnlyDictionary<string, string>? Names = null,
    IReadOnlyDictionary<string, AttributeValue>? Values = null);

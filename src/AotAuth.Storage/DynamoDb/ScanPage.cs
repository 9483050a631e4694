namespace AotAuth.Storage;

/// <summary>One page of a Scan.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="LastEvaluatedKey">Pass as the next call's exclusive start key; null when the scan is complete.</param>
public sealed record ScanPage(
    IReadOnlyList<IReadOnlyDictionary<string, AttributeValue>> Items,
    IReadOnlyDictionary<string, AttributeValue>? LastEvaluatedKey);

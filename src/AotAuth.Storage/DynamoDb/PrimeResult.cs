namespace AotAuth.Storage;

/// <summary>What <see cref="DynamoDbClient.PrimeAsync"/> achieved.</summary>
/// <param name="Connected">The endpoint answered: a connection is open and pooled.</param>
/// <param name="Elapsed">How long the attempt took.</param>
/// <param name="Failure">Why it did not connect (null when it did); never holds credentials.</param>
public readonly record struct PrimeResult(bool Connected, TimeSpan Elapsed, string? Failure)
{
    /// <summary>A log line's message.</summary>
    public override string ToString() => Connected
        ? $"DynamoDB connection opened in init ({Elapsed.TotalMilliseconds:0} ms)"
        : $"could not open the DynamoDB connection in init ({Failure}); the first call connects instead";
}

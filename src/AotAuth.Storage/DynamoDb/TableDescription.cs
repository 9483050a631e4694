namespace AotAuth.Storage;

/// <summary>The parts of DescribeTable's answer this client uses.</summary>
/// <param name="TableName">The table name.</param>
/// <param name="TableStatus">CREATING, UPDATING, DELETING, ACTIVE, ...</param>
public sealed record TableDescription(string TableName, string TableStatus);

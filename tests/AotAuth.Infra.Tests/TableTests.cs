using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests;

[Collection(SharedStacks.Name)]
public class TableTests(StackFixture fixture)
{
    [Theory]
    [InlineData("token")]
    [InlineData("id")]
    public void EachTable_IsOnDemand_WithAStringKeyRecoveryAndManagedEncryption(string key)
    {
        fixture.Arm64.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = key, ["KeyType"] = "HASH" } },
            ["AttributeDefinitions"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = key, ["AttributeType"] = "S" } },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["ProvisionedThroughput"] = Match.Absent(),
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            // SSEEnabled without a KMS key: the AWS-managed key (no customer key to pay for).
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true, ["KMSMasterKeyId"] = Match.Absent() },
        });
    }

    [Fact]
    public void Stack_HasExactlyTwoTables_BothRetainedOnDeleteAndReplace()
    {
        fixture.Arm64.ResourceCountIs("AWS::DynamoDB::Table", 2);
        var tables = StackFixture.Resources(fixture.Arm64Json, "AWS::DynamoDB::Table").ToList();
        Assert.All(tables, t =>
        {
            Assert.Equal("Retain", (string?)t.Value["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)t.Value["UpdateReplacePolicy"]);
        });
    }

    [Fact]
    public void BothRetainedTables_HaveDeletionProtection()
    {
        // Retain keeps a table when the stack goes; deletion protection also refuses a DeleteTable
        // from anyone else (console, CLI, a replacement) until it is turned off on purpose.
        var tables = StackFixture.Resources(fixture.Arm64Json, "AWS::DynamoDB::Table").ToList();
        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.True(
            (bool?)t.Value["Properties"]!["DeletionProtectionEnabled"] == true,
            $"{t.Key}: DeletionProtectionEnabled is {t.Value["Properties"]!["DeletionProtectionEnabled"]?.ToJsonString() ?? "absent"}"));
    }

    [Fact]
    public void TableLogicalIds_StayThoseOfTheDeployedStack()
    {
        // The tables are retained: were a logical id to change (a renamed construct id), an update
        // of a deployed stack would create a new, empty table and orphan the old one with its
        // tokens and users. So the construct ids stay "TokenStore"/"UserStore" whatever the C#
        // types are called.
        var ids = StackFixture.Resources(fixture.Arm64Json, "AWS::DynamoDB::Table").Select(t => t.Key).Order();
        Assert.Equal(["TokenStoreTableAEF6B158", "UserStoreTable3A56592B"], ids);
    }

    [Fact]
    public void OnlyTheTokenTable_ExpiresItemsOnExpiresAt()
    {
        var token = StackFixture.Resource(fixture.Arm64Json, "AWS::DynamoDB::Table", "TokenStore").Value["Properties"]!;
        var user = StackFixture.Resource(fixture.Arm64Json, "AWS::DynamoDB::Table", "UserStore").Value["Properties"]!;
        Assert.Equal("expiresAt", (string?)token["TimeToLiveSpecification"]!["AttributeName"]);
        Assert.True((bool)token["TimeToLiveSpecification"]!["Enabled"]!);
        Assert.Null(user["TimeToLiveSpecification"]);
    }

    [Fact]
    public void Outputs_NameBothTablesAndTheApiUrl()
    {
        fixture.Arm64.HasOutput("TokenTableName", new Dictionary<string, object>
        {
            ["Value"] = new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^TokenStoreTable") },
        });
        fixture.Arm64.HasOutput("UserTableName", new Dictionary<string, object>
        {
            ["Value"] = new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^UserStoreTable") },
        });
        string url = fixture.Arm64Json["Outputs"]!["ApiUrl"]!["Value"]!.ToJsonString();
        Assert.Contains("https://", url, StringComparison.Ordinal);
        Assert.Contains("execute-api", url, StringComparison.Ordinal);
        Assert.Equal(3, fixture.Arm64Json["Outputs"]!.AsObject().Count);
    }
}

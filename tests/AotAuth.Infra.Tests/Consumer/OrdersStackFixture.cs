using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace AotAuth.Infra.Tests.Consumer;

/// <summary>
/// <see cref="OrdersStack"/> synthesized once with infra/cdk.json's feature flags, from a folder
/// holding a dummy authorizer bootstrap and trust store; the template is also written to a file
/// for cdk-nag.
/// </summary>
public sealed class OrdersStackFixture : IDisposable
{
    public OrdersStackFixture()
    {
        Folder = Directory.CreateTempSubdirectory("aotauth-orders-").FullName;
        CodeDirectory = DummyCode(Folder);
        Stack = new OrdersStack(CdkApp.New(Directory.GetCurrentDirectory()), "OrdersStack", CodeDirectory);
        Template = Template.FromStack(Stack);
        Json = JsonNode.Parse(JsonSerializer.Serialize(Template.ToJSON()))!.AsObject();
        TemplateFile = Path.Combine(Folder, "OrdersStack.template.json");
        File.WriteAllText(TemplateFile, Json.ToJsonString());
    }

    public string Folder { get; }

    public string CodeDirectory { get; }

    public OrdersStack Stack { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public string TemplateFile { get; }

    /// <summary>A folder with a (non-executable) dummy bootstrap and trust store.</summary>
    public static string DummyCode(string parent)
    {
        string dir = Path.Combine(parent, "authorizer-" + Guid.NewGuid().ToString("N")[..8]);
        DummyPublish.Function(dir);
        return dir;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class OrdersStacks : ICollectionFixture<OrdersStackFixture>
{
    public const string Name = "orders";
}

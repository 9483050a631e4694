using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AotAuth.Storage.Tests;

public class AttributeValueJsonTests
{
    [Fact]
    public void EverySupportedType_RoundTripsThroughDynamoDbJson()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["s"] = AttributeValue.FromString("héllo \"quoted\""),
            ["n"] = AttributeValue.FromNumber(-42),
            ["ss"] = AttributeValue.FromStringSet(["a", "b"]),
            ["l"] = AttributeValue.FromList([AttributeValue.FromString("x"), AttributeValue.FromNumberText("1.5")]),
            ["t"] = AttributeValue.FromBool(true),
            ["f"] = AttributeValue.FromBool(false),
            ["null"] = AttributeValue.Null,
        };

        var read = Read(Write(item));

        Assert.Equal("héllo \"quoted\"", read["s"].AsString());
        Assert.Equal(-42, read["n"].AsInt64());
        Assert.Equal(["a", "b"], read["ss"].StringSet!);
        Assert.Equal("x", read["l"].List![0].AsString());
        Assert.Equal("1.5", read["l"].List![1].Text);
        Assert.True(read["t"].BoolValue);
        Assert.Equal(AttributeValueKind.Bool, read["f"].Kind);
        Assert.False(read["f"].BoolValue);
        Assert.Equal(AttributeValueKind.Null, read["null"].Kind);
    }

    [Fact]
    public void Writer_UsesTheDynamoDbTypeTags()
    {
        var json = Write(new Dictionary<string, AttributeValue>
        {
            ["n"] = AttributeValue.FromNumber(7),
            ["ss"] = AttributeValue.FromStringSet(["a"]),
            ["null"] = AttributeValue.Null,
        });

        Assert.Equal("""{"n":{"N":"7"},"ss":{"SS":["a"]},"null":{"NULL":true}}""", json);
    }

    [Fact]
    public void Reader_SkipsTypesItDoesNotModel_AndKeepsReadingTheRest()
    {
        var read = Read("""{"m":{"M":{"inner":{"S":"x"}}},"b":{"B":"AAE="},"ns":{"NS":["1","2"]},"s":{"S":"after"}}""");

        Assert.Equal(AttributeValueKind.Unsupported, read["m"].Kind);
        Assert.Equal(AttributeValueKind.Unsupported, read["b"].Kind);
        Assert.Equal(AttributeValueKind.Unsupported, read["ns"].Kind);
        Assert.Equal("after", read["s"].AsString());
    }

    [Fact]
    public void AsInt64_ReturnsNull_ForANonIntegralNumber()
    {
        Assert.Null(AttributeValue.FromNumberText("1.5").AsInt64());
        Assert.Null(AttributeValue.FromString("12").AsInt64());
    }

    [Fact]
    public void StringSet_RejectsEmptyAndDuplicateMembers()
    {
        Assert.Throws<ArgumentException>(() => AttributeValue.FromStringSet([]));
        Assert.Throws<ArgumentException>(() => AttributeValue.FromStringSet(["a", "a"]));
    }

    [Fact]
    public void ToString_DoesNotRevealTheValue()
    {
        Assert.DoesNotContain("secret", AttributeValue.FromString("secret").ToString(), StringComparison.Ordinal);
    }

    private static string Write(Dictionary<string, AttributeValue> item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AttributeValueJson.WriteItem(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, AttributeValue> Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return AttributeValueJson.ReadItem(ref reader);
    }
}

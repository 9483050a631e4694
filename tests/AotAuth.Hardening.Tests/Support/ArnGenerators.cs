using FsCheck;
using FsCheck.Fluent;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>Method ARNs: well-formed ones, and ones with a poisoned part (wildcards, separators, unicode...).</summary>
internal static class ArnGenerators
{
    public static readonly Gen<string> Partition = Gen.Elements("aws", "aws-cn", "aws-us-gov");
    public static readonly Gen<string> Region = Gen.Elements("us-east-1", "eu-west-1", "ap-southeast-2", "local");
    public static readonly Gen<string> Account = Gen.Elements("123456789012", "000000000000", "999999999999");
    public static readonly Gen<string> ApiId = Gen.Elements("abc123", "local", "A1b2C3d4E5", "x");
    public static readonly Gen<string> Stage = Gen.Elements("prod", "dev_1", "test-stage", "v2");
    public static readonly Gen<string> Verb = Gen.Elements("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS");
    public static readonly Gen<string> Path = Gen.Elements("user", "user/42", "", "user/a%2Fb", "a/b/c", "user/:id", "user/~x.y-z_");

    /// <summary>What may be injected into a part to try to widen a policy.</summary>
    public static readonly Gen<string> Poison = Gen.Elements("*", "?", "/", ":", " ", "\"", "\\", "\u00e9", "\n", "..", "%2A", "\u0000", "\uff0a", "A");

    public static readonly Gen<ArnParts> ValidParts =
        from p in Partition
        from r in Region
        from a in Account
        from api in ApiId
        from s in Stage
        from v in Verb
        from path in Path
        select new ArnParts(p, r, a, api, s, v, path);

    public static readonly Gen<string> ValidArn = ValidParts.Select(p => p.ToString());

    /// <summary>A valid ARN with one part poisoned (at its start, middle or end).</summary>
    public static readonly Gen<string> PoisonedArn =
        from parts in ValidParts
        from which in Gen.Choose(0, 6)
        from poison in Poison
        from position in Gen.Choose(0, 2)
        select parts.With(which, s => position switch { 0 => poison + s, 1 => s.Insert(s.Length / 2, poison), _ => s + poison }).ToString();
}

/// <summary>The seven parts of a method ARN.</summary>
internal sealed record ArnParts(string Partition, string Region, string Account, string ApiId, string Stage, string Verb, string Path)
{
    public string StagePrefix => $"arn:{Partition}:execute-api:{Region}:{Account}:{ApiId}/{Stage}/";

    public override string ToString() => $"{StagePrefix}{Verb}/{Path}";

    public ArnParts With(int part, Func<string, string> change) => part switch
    {
        0 => this with { Partition = change(Partition) },
        1 => this with { Region = change(Region) },
        2 => this with { Account = change(Account) },
        3 => this with { ApiId = change(ApiId) },
        4 => this with { Stage = change(Stage) },
        5 => this with { Verb = change(Verb) },
        _ => this with { Path = change(Path) },
    };
}

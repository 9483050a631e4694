namespace AotAuth.Gateway.Tests.Pipeline;

/// <summary>What a scripted authorizer answers: TOKEN policies and HTTP API simple responses.</summary>
internal static class AuthorizerAnswers
{
    public const string Principal = "ada@example.com";

    /// <summary>A policy with one statement of <paramref name="effect"/> over <paramref name="resources"/>.</summary>
    public static string Policy(string effect, params string[] resources) =>
        $$$"""{"principalId":"{{{Principal}}}","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"{{{effect}}}","Resource":[{{{string.Join(',', resources.Select(r => $"\"{r}\""))}}}]}]},"context":{"who":"{{{Principal}}}"}}""";

    /// <summary>An Allow for every method of the local API's stage <paramref name="stage"/>.</summary>
    public static string AllowAll(string stage = "prod") => Policy("Allow", $"arn:aws:execute-api:us-east-1:123456789012:local/{stage}/*/*");

    public static string Simple(bool authorized) => $$$"""{"isAuthorized":{{{(authorized ? "true" : "false")}}},"context":{"who":"{{{Principal}}}"}}""";
}

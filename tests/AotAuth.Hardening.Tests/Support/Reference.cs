using System.Text.RegularExpressions;
using AotAuth.Gateway;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>Deliberately simple reference implementations: IAM wildcards as a regex, and IAM's evaluation order.</summary>
internal static class Reference
{
    /// <summary>IAM's <c>?</c>: one character, a surrogate pair being one.</summary>
    private const string OneCodePoint = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])";

    public static bool WildcardMatch(string pattern, string text, bool ignoreCase = false)
    {
        string regex = @"\A" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => OneCodePoint, _ => Regex.Escape(c.ToString()) })) + @"\z";
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(text, regex, options, TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// The documented meaning of a scope (docs/token-table.md, "What a scope grants"): the request's method equals the
    /// verb, or the verb is <c>*</c>; the request's path matches the scope's path as an IAM glob.
    /// </summary>
    public static bool ScopeAllows(string scope, string method, string path)
    {
        int space = scope.IndexOf(' ', StringComparison.Ordinal);
        string verb = scope[..space];
        return (verb == "*" || verb == method) && WildcardMatch(scope[(space + 1)..], path);
    }

    /// <summary>
    /// The policy resources a scope is written as, after the stage prefix: <c>{verb}/{path}</c>, and
    /// for a <c>*</c> verb one per method API Gateway routes, except <c>* /*</c> (one <c>*/*</c>).
    /// </summary>
    public static string[] ScopeResources(string stagePrefix, string scope)
    {
        int space = scope.IndexOf(' ', StringComparison.Ordinal);
        string verb = scope[..space];
        string path = scope[(space + 2)..];
        string[] verbs = verb == "*" && path != "*" ? ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] : [verb];
        return [.. verbs.Select(v => stagePrefix + v + "/" + path)];
    }

    public static PolicyDecision Evaluate(IEnumerable<PolicyStatement> statements, string methodArn)
    {
        var applicable = statements
            .Where(s => s.Actions.Any(a => WildcardMatch(a, PolicyEvaluator.InvokeAction, ignoreCase: true)) && s.Resources.Any(r => WildcardMatch(r, methodArn)))
            .ToList();
        return applicable.Any(s => s.Effect == PolicyEffect.Deny) ? PolicyDecision.ExplicitDeny
            : applicable.Count > 0 ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }
}

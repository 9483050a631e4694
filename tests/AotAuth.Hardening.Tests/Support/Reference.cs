using System.Text.RegularExpressions;
using AotAuth.Gateway;

namespace AotAuth.Hardening.Tests.Support;

/// <summary>Deliberately simple reference implementations: IAM wildcards as a regex, and IAM's evaluation order.</summary>
internal static class Reference
{
    public static bool WildcardMatch(string pattern, string text, bool ignoreCase = false)
    {
        string regex = @"\A" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + @"\z";
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(text, regex, options, TimeSpan.FromSeconds(5));
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

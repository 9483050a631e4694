using System.Reflection;
using System.Text.RegularExpressions;
using AotAuth.Core.Contracts;

namespace AotAuth.Core.Tests;

/// <summary>
/// docs/configuration.md ("The functions' contract") lists exactly the environment variables the
/// contracts in <c>src/AotAuth.Core/Contracts</c> name, and the page names every variable once.
/// </summary>
public sealed partial class ConfigurationPageTests
{
    private const string ContractHeading = "The functions' contract";

    private static MarkdownPage Page { get; } = MarkdownPage.Read(Path.Combine(RepoPaths.Root, "docs", "configuration.md"));

    [Fact]
    public void ContractTable_ListsEveryContractVariable()
    {
        SortedSet<string> contract = ContractVariables();
        IReadOnlyList<string> listed = Page.FirstColumnUnder(ContractHeading);

        Assert.True(contract.Count >= 15, $"found only {contract.Count} variables in the contracts: {string.Join(", ", contract)}");
        Assert.Empty(contract.Except(listed, StringComparer.Ordinal));
    }

    [Fact]
    public void ContractTable_ListsNothingElse()
    {
        SortedSet<string> contract = ContractVariables();
        IReadOnlyList<string> listed = Page.FirstColumnUnder(ContractHeading);

        Assert.NotEmpty(listed);
        Assert.Empty(listed.Except(contract, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryVariable_IsListedOnce()
    {
        List<string> everyRow = Page.Headings()
            .Where(heading => heading != "Configuration")
            .SelectMany(heading => Page.FirstColumnUnder(heading))
            .ToList();

        Assert.True(everyRow.Count > 25, $"found only {everyRow.Count} rows");
        Assert.Empty(everyRow.GroupBy(name => name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    /// <summary>
    /// The public constant strings of the contract classes whose value is a variable's name
    /// (upper case, digits and underscores, with at least one underscore: <c>TOKEN_TABLE</c>, not
    /// a default such as <c>auth-token</c> or an attribute such as <c>expiresAt</c>).
    /// </summary>
    private static SortedSet<string> ContractVariables() =>
        new(typeof(FunctionVariables).Assembly.GetExportedTypes()
                .Where(type => type.Namespace == typeof(FunctionVariables).Namespace)
                .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(field => field.IsLiteral && field.FieldType == typeof(string))
                .Select(field => (string)field.GetRawConstantValue()!)
                .Where(value => VariableName().IsMatch(value)),
            StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex VariableName();
}

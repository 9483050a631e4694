using System.CommandLine;
using AotAuth.Cli.Commands;

// aotauth: the local API Gateway and token management. Commands live in Commands/.
var root = new RootCommand("AotAuth: a Native AOT API Gateway TOKEN authorizer, run locally and managed from here");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TokenCommands.Create());
root.Subcommands.Add(RoutesCommand.Create());
ParseResult parsed = root.Parse(args);
if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
{
    // One line on stderr, nothing on stdout: `TOKEN=$(aotauth token create ...)` captures stdout.
    Console.Error.WriteLine(UsageErrors.Describe(parsed));
    return 1;
}

return await parsed.InvokeAsync();

using System.CommandLine;
using AotAuth.Cli.Commands;

// aotauth: the local API Gateway and token management. Commands live in Commands/.
var root = new RootCommand("AotAuth: a Native AOT API Gateway TOKEN authorizer, run locally and managed from here");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TokenCommands.Create());
ParseResult parsed = root.Parse(args);
if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction parseError)
{
    // The error goes to stderr; help on stdout would be captured by `TOKEN=$(aotauth token create ...)`.
    parseError.ShowHelp = false;
}

return await parsed.InvokeAsync();

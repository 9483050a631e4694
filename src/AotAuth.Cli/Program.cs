using System.CommandLine;
using AotAuth.Cli.Commands;

// aotauth: the local API Gateway and token management. Commands live in Commands/.
var root = new RootCommand("AotAuth: a Native AOT API Gateway TOKEN authorizer, run locally and managed from here");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TokenCommands.Create());
return await root.Parse(args).InvokeAsync();

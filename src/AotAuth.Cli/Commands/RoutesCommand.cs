using System.CommandLine;
using AotAuth.Core.Api;
using AotAuth.Gateway.Templates;

namespace AotAuth.Cli.Commands;

/// <summary>
/// <c>aotauth routes</c>: the API's routes, the scope that allows each, and the authorizer's
/// settings, read from the one API definition that <c>serve</c> and the CDK stack also build from;
/// with <c>--template</c>, every route of every API in a synthesized template (<see cref="TemplateRoutes"/>).
/// </summary>
internal static class RoutesCommand
{
    public static Command Create()
    {
        var template = new Option<string?>("--template")
        {
            Description = "A synthesized CloudFormation template (JSON, e.g. cdk.out/MyStack.template.json): list the routes of every REST and HTTP API in it instead of the built-in API",
        };
        var command = new Command("routes", "Print the API's routes, the authorizer guarding each and the token scope that reaches it") { template };
        command.SetAction((result, _) => CommandErrors.Run(() =>
        {
            IEnumerable<string> lines = result.GetValue(template) is { } path
                ? TemplateRoutes.Lines(CloudFormationTemplate.Load(path))
                : Lines(AotAuthApi.Definition);
            foreach (string line in lines)
            {
                Console.Out.WriteLine(line);
            }

            return Task.CompletedTask;
        }));
        return command;
    }

    /// <summary>The printed table: one row per route, then the authorizer.</summary>
    public static IEnumerable<string> Lines(ApiDefinition api)
    {
        yield return $"{"ROUTE",-20}  {"SCOPE",-16}  {"AUTHORIZER",-12}  {"FUNCTION",-10}  BODY";
        foreach (RouteDefinition route in api.Routes)
        {
            string body = route.ValidateRequestBody && route.RequestModelName is { } model ? $"validated against model {model}" : "-";
            yield return $"{route,-20}  {RouteScopes.ScopeOf(route),-16}  {route.AuthorizerName ?? "none",-12}  {route.FunctionName,-10}  {body}";
        }

        AuthorizerDefinition authorizer = api.Authorizer;
        yield return string.Empty;
        yield return $"Authorizer '{authorizer.Name}' (TOKEN, function {authorizer.FunctionName}): identity source {authorizer.IdentitySource}, " +
            $"token must match {authorizer.ValidationExpression}, results cached {authorizer.ResultTtlSeconds} s per token; stage '{api.StageName}'.";
        yield return "A scope is a verb (or *) and a path with IAM wildcards (* spans '/', ? one character); a token may call every route its scopes reach.";
    }
}

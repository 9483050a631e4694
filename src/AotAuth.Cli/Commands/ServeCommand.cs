using System.CommandLine;
using AotAuth.Cli.Functions;
using AotAuth.LocalHosting;
using AotAuth.Cli.LocalGateway;
using AotAuth.Cli.Tokens;
using AotAuth.Core;
using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using AotAuth.Gateway;
using AotAuth.Gateway.Templates;
using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary><c>aotauth serve</c>: the whole API on 127.0.0.1, running the real function programs.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var port = RangeOption.Create("--port", "Port on 127.0.0.1", 3000, 0, 65535);
        var native = new Option<bool>("--native") { Description = "Run the Native AOT bootstraps (what deploys) instead of the JIT builds; publishes them first if missing" };
        var maxInstances = RangeOption.Create("--max-instances", "Concurrent instances per function, as Lambda's concurrency", 4, 1, 64);
        var timeout = RangeOption.Create("--function-timeout", "Function timeout in seconds", 10, 1, 900);
        var rebuild = new Option<bool>("--rebuild") { Description = "Build the functions even if a build exists" };
        var logLevel = ChoiceOption.Create(
            "--log-level",
            "What to show per request: quiet (problems only), access (+ one line per request), report (+ each invocation's REPORT line), info (+ the functions' log lines), debug (+ metrics lines)",
            "report",
            ServeLog.Names);
        var quiet = new Option<bool>("--quiet") { Description = "Same as --log-level quiet" };
        var api = ChoiceOption.Create("--api", "API Gateway to emulate: rest (TOKEN authorizer, non-proxy) or http (payload 2.0 authorizer, proxy)", "rest", ["rest", "http"]);
        var authorizerResponse = ChoiceOption.Create(
            "--authorizer-response",
            "With --api http: the authorizer answers simple responses or IAM policies",
            FunctionVariables.SimpleAuthorizerResponse,
            [FunctionVariables.SimpleAuthorizerResponse, FunctionVariables.IamAuthorizerResponse]);
        var template = new Option<FileInfo?>("--template")
        {
            Description = "Serve an API of this synthesized CloudFormation template (JSON, as cdk synth writes to cdk.out) instead of the built-in one, running its functions' bootstraps",
        };
        var templateApi = new Option<string?>("--template-api") { Description = "With --template: the logical id of the API to serve, when the template has several" };
        var command = new Command("serve", "Run the API (authorizer + user function) locally, with API Gateway's authorizer semantics")
        {
            port, native, maxInstances, timeout, rebuild, logLevel, quiet, api, authorizerResponse, template, templateApi,
        };
        store.AddTo(command);
        command.SetAction((result, ct) => CommandErrors.Run(async () =>
        {
            StoreLocation location = store.Read(result);
            var options = new GatewayOptions
            {
                Port = result.GetValue(port),
                MaxInstances = result.GetValue(maxInstances),
                FunctionTimeout = TimeSpan.FromSeconds(result.GetValue(timeout)),
                Region = Environment.GetEnvironmentVariable(FunctionVariables.Region) ?? FunctionVariables.DefaultRegion,
                Api = result.GetValue(api) == "http" ? GatewayApi.Http : GatewayApi.Rest,
                HttpSimpleResponses = result.GetValue(authorizerResponse) != FunctionVariables.IamAuthorizerResponse,
            };
            ServeLogLevel level = result.GetValue(quiet) ? ServeLogLevel.Quiet : Enum.Parse<ServeLogLevel>(result.GetValue(logLevel)!, ignoreCase: true);
            FileInfo? file = result.GetValue(template);
            if (file is null ? result.GetResult(templateApi) is { Implicit: false } : result.GetResult(api) is { Implicit: false } || result.GetResult(authorizerResponse) is { Implicit: false })
            {
                throw new InvalidOperationException(file is null
                    ? "--template-api goes with --template"
                    : "--api and --authorizer-response choose the built-in API; with --template the template says what the API is");
            }

            TemplateDeployment? deployment = file is null ? null : ServeTemplate.Read(file.FullName, result.GetValue(templateApi), options.Region, Console.Error.WriteLine);
            if (deployment is not null && ServeTemplate.TokenTable(deployment) is { } tokenTable && location.Kind == StoreKind.DynamoDbLocal)
            {
                location = location with { TokenTable = tokenTable.Name };
            }

            await RunAsync(location, options, result.GetValue(native), result.GetValue(rebuild), new ServeLog(level, Console.Error.WriteLine), deployment, ct);
        }));
        return command;
    }

    // Each function trusts exactly the certificates it trusts on AWS: the bundle published
    // next to its bootstrap (or bootstrap.dll), through the same variables the stack sets.
    private static FunctionLaunch Launch(string name, (string FileName, string[] Arguments) build, IReadOnlyDictionary<string, string> environment)
    {
        string folder = Path.GetDirectoryName(build.Arguments.Length > 0 ? build.Arguments[0] : build.FileName)!;
        var withTrustStore = new Dictionary<string, string>(environment);
        foreach ((string key, string value) in TrustStore.Environment(folder))
        {
            withTrustStore[key] = value;
        }

        return new FunctionLaunch(name, build.FileName, build.Arguments, withTrustStore);
    }

    /// <summary>The authorizer answers HTTP API events the way the emulated authorizer is configured to read them.</summary>
    private static Dictionary<string, string> AuthorizerEnvironment(IReadOnlyDictionary<string, string> environment, GatewayOptions options) =>
        new(environment)
        {
            [FunctionVariables.AuthorizerResponse] = options.HttpSimpleResponses ? FunctionVariables.SimpleAuthorizerResponse : FunctionVariables.IamAuthorizerResponse,
        };

    private static async Task RunAsync(StoreLocation location, GatewayOptions options, bool native, bool rebuild, ServeLog log, TemplateDeployment? deployment, CancellationToken ct)
    {
        string? root = FunctionBuilds.FindRepositoryRoot();
        string functionsDescription = deployment is null ? FunctionBuilds.Describe(root, native) : $"{deployment.Api} of the template, its functions' bootstraps";
        Console.Error.WriteLine($"Starting the AotAuth local API ({functionsDescription}, store: {location.Describe()}) ...");
        if (root is null && (native || rebuild) && deployment is null)
        {
            // Outside a clone there is no source to build: the packaged bootstraps are always native.
            Console.Error.WriteLine("Note: --native and --rebuild apply in a clone only; this tool runs its packaged Native AOT bootstraps.");
        }

        string? demoToken = null;
        StoreSurvey survey;
        string[]? scopes = deployment is null ? [.. AotAuthApi.Definition.Routes.Select(RouteScopes.ScopeOf)]
            : ServeTemplate.TokenTable(deployment) is not null ? ServeTemplate.Scopes(deployment)
            : null;
        using (DynamoDbClient? client = location.CreateClient())
        {
            await PrepareStoreAsync(location, client, deployment, ct);
            ITokenStore tokens = location.CreateTokenStore(client);
            survey = await StoreSurvey.TakeAsync(location, tokens, ct);

            // A template's API gets a demo token only when its authorizer can be ours: the template has a token table.
            if (survey.TokenCount == 0 && scopes is { Length: > 0 })
            {
                demoToken = await CreateDemoTokenAsync(tokens, scopes, ct);
            }
        }

        if (!RuntimeApiServer.RefusesOtherUsers)
        {
            Console.Error.WriteLine("warning: on this OS the functions' Runtime API cannot tell local users apart: another user on this machine could take an event (a caller's token) or answer one.");
        }

        // Damaged items are served around (each fails closed for its own token or user); say so now.
        foreach (string line in survey.DamageLines(location))
        {
            Console.Error.WriteLine(line);
        }

        // `token revoke` on the same store finds this serve through a file in the data folder and
        // flushes its caches (GatewayAdmin.FlushPath), so a revocation takes effect at once.
        string? adminSecret = location.Kind != StoreKind.Aws ? ServeAdminFile.NewSecret() : null;
        options = options with { AdminSecret = adminSecret };
        IReadOnlyDictionary<string, string> environment = location.FunctionEnvironment();
        await using GatewayHost server = deployment is null
            ? await StartBuiltInAsync(root, options, native, rebuild, environment, log, ct)
            : await GatewayHost.StartAsync(options, deployment, f => ServeTemplate.Launch(f, environment), log.Write, ct);

        using IDisposable? adminFile = adminSecret is null ? null : ServeAdminFile.Register(location.DataDirectory, server.Address, adminSecret, location.StoreKey);
        string baseUrl = server.Address.ToString().TrimEnd('/');
        string flavour = deployment is not null ? (deployment.Kind == ApiKind.Http ? " (HTTP API)" : " (REST API)")
            : options.Api == GatewayApi.Http ? $" (HTTP API, {(options.HttpSimpleResponses ? "simple" : "IAM")} authorizer responses)"
            : string.Empty;
        Console.Error.WriteLine($"AotAuth local API{flavour} on {baseUrl} ({functionsDescription}, store: {location.Describe()})");
        foreach (var (method, path) in deployment is null ? AotAuthApi.Definition.Routes.Select(r => (r.HttpMethod, r.Path)) : ServeTemplate.Routes(deployment))
        {
            Console.Error.WriteLine($"  {method,-4} {baseUrl}{path}");
        }

        if (demoToken is not null)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"No tokens yet, so here is a demo token for every route (shown once; only its SHA-256 is stored; it expires in {DemoTokenLifetime.TotalDays:0} days):");
            Console.Error.WriteLine($"  {demoToken}");
            if (deployment is null)
            {
                Console.Error.WriteLine("Try:");
                Console.Error.WriteLine($"  curl -i -X PUT {baseUrl}/user -H 'Authorization: {demoToken}' -H 'Content-Type: application/json' -d '{{\"id\":\"42\",\"name\":\"Ada\"}}'");
                Console.Error.WriteLine($"  curl -i {baseUrl}/user/42 -H 'Authorization: {demoToken}'");
            }
        }
        else if (deployment is null)
        {
            Console.Error.WriteLine(survey.TokensLine(location));
        }
        else if (scopes is { Length: > 0 })
        {
            Console.Error.WriteLine(survey.TokensLine(location, scopes[0]));
        }

        Console.Error.WriteLine($"Metrics: {baseUrl}{GatewayAdmin.MetricsPath}. Ctrl+C stops the server and the functions.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Stopping ...");
            Console.Error.WriteLine(server.Metrics.Summary());
        }
    }

    private static async Task<GatewayHost> StartBuiltInAsync(
        string? root, GatewayOptions options, bool native, bool rebuild, IReadOnlyDictionary<string, string> environment, ServeLog log, CancellationToken ct)
    {
        var authorizer = await FunctionBuilds.ResolveAsync(root, "AotAuth.Authorizer", native, rebuild, ct);
        var user = await FunctionBuilds.ResolveAsync(root, "AotAuth.UserFunction", native, rebuild, ct);
        return await GatewayHost.StartAsync(
            options,
            Launch(AotAuthApi.AuthorizerFunction, authorizer, AuthorizerEnvironment(environment, options)),
            Launch(AotAuthApi.UserFunction, user, environment),
            log.Write,
            ct);
    }

    /// <summary>DynamoDB Local starts empty: create the tables there (real AWS tables come from the CDK stack).</summary>
    private static async Task PrepareStoreAsync(StoreLocation location, DynamoDbClient? client, TemplateDeployment? deployment, CancellationToken ct)
    {
        if (deployment is not null)
        {
            if (location.Kind == StoreKind.DynamoDbLocal && client is not null)
            {
                await ServeTemplate.EnsureTablesAsync(deployment, client, ct);
            }

            return;
        }

        await location.EnsureLocalTokenTableAsync(client, ct);
        if (location.Kind == StoreKind.DynamoDbLocal && client is not null)
        {
            await DynamoDbTables.EnsureUserTableAsync(client, location.UserTable, ct);
        }
    }

    /// <summary>How long the demo token works.</summary>
    private static readonly TimeSpan DemoTokenLifetime = TimeSpan.FromDays(30);

    /// <summary>A first start with no (readable) tokens gets a demo token with every route's scope.</summary>
    private static async Task<string> CreateDemoTokenAsync(ITokenStore tokens, string[] scopes, CancellationToken ct)
    {
        string token = TokenGenerator.Create();
        // Scopes from the API's routes: `GET /user/{id}` becomes `GET /user/*`.
        await tokens.PutAsync(new TokenRecord(TokenHash.Compute(token).ToHex(), "demo", scopes, DateTimeOffset.UtcNow.Add(DemoTokenLifetime).ToUnixTimeSeconds()), ct);
        return token;
    }
}

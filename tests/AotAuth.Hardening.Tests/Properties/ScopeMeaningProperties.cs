using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using AotAuth.Core;
using AotAuth.Core.Api;
using AotAuth.Gateway;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>
/// What a scope grants, answered four ways that must agree for random scopes, APIs and requests:
/// (a) IAM's evaluation of the REST policy the authorizer writes, (b) the HTTP API simple response
/// for the request's route (<see cref="RouteScope.CoversRoute"/>), (c) the reach that <c>routes</c>
/// and <c>token create</c> report (<see cref="RouteScopes.Reached"/>), and (d) the documented meaning
/// (<see cref="Reference.ScopeAllows"/>: the verb equal or <c>*</c>; the path an IAM glob).
/// </summary>
public sealed class ScopeMeaningProperties : IDisposable
{
    private const string StagePrefix = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/";

    // Route names, parameters and wildcards from one small alphabet, so scopes, routes and
    // requests often collide (a request segment equal to a route name is the review's case).
    private static readonly string[] Names = ["user", "us", "er", "a", "orders"];
    private static readonly string[] Methods = [.. RouteScope.Methods];

    private static readonly Gen<string> ScopePathSegment = Gen.Frequency(
        (4, Gen.Elements(Names)),
        (3, Gen.Elements("*", "?", "us?r", "u*", "*r", "*/*", "??", "a*a")),
        (1, Gen.Constant("")));

    private static readonly Gen<string> ScopeText =
        from verb in Gen.Frequency((3, Gen.Constant("*")), (4, Gen.Elements(Methods)))
        from count in Gen.Choose(1, 4)
        from segments in Gen.ArrayOf(ScopePathSegment, count)
        select verb + " /" + string.Join('/', segments);

    private static readonly Gen<string> RoutePath =
        from count in Gen.Choose(1, 3)
        from segments in Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(Names)), (2, Gen.Elements("{id}", "{name}"))), count)
        select "/" + string.Join('/', segments);

    private static readonly Gen<RouteDefinition[]> Routes =
        from count in Gen.Choose(1, 5)
        from routes in Gen.ArrayOf(
            from method in Gen.Frequency((4, Gen.Elements(Methods)), (1, Gen.Constant("ANY")))
            from path in RoutePath
            select Route(method, path), count)
        select routes;

    private static readonly Gen<(string Method, string Path)> Request =
        from method in Gen.Elements(Methods)
        from count in Gen.Choose(1, 4)
        from segments in Gen.ArrayOf(Gen.Frequency((5, Gen.Elements(Names)), (2, Gen.Elements("42", "q", "user2", "x.y"))), count)
        select (method, "/" + string.Join('/', segments));

    /// <summary>Values a path parameter is bound to when asking whether a scope covers every request of a route.</summary>
    private static readonly string[] Bindings = ["q", "z", "qzqzqzqzqzqzqzqzqzqzqzqz", "user", "a"];

    private readonly PolicyWriter _writer = new();

    public void Dispose() => _writer.Dispose();

    [Property(MaxTest = 4000)]
    public Property PolicySimpleResponseAndReach_AgreeWithTheDocumentedMeaning() =>
        Prop.ForAll(ScopeText.ToArbitrary(), Routes.ToArbitrary(), Request.ToArbitrary(), (scopeText, routes, request) =>
        {
            Assert.True(RouteScope.TryParse(scopeText, out RouteScope? scope), scopeText);
            bool meant = Reference.ScopeAllows(scopeText, request.Method, request.Path);

            // (a) The REST policy, as the local gateway evaluates it (IAM's rules).
            bool policyAllows = PolicyAllows(scope!, request.Method, request.Path);
            if (policyAllows != meant)
            {
                return false.Label($"policy says {policyAllows}, meaning says {meant} for {request.Method} {request.Path}");
            }

            var api = AotAuthApi.Definition with { Routes = [.. routes] };
            RouteDefinition? route = routes.FirstOrDefault(r => Serves(r, request.Method, request.Path));
            if (route is null)
            {
                return true.Label("no route serves the request");
            }

            // (b) A simple response covers the route when the meaning allows every request of it.
            bool covers = Covers(scope!, route);
            bool everyRequest = RequestsOf(route, request).All(r => Reference.ScopeAllows(scopeText, r.Method, r.Path));
            if (covers != everyRequest)
            {
                return false.Label($"simple response says {covers} for route {route}, meaning says {everyRequest}");
            }

            // (c) What we say the token reaches includes every route the meaning allows a request of.
            bool reported = RouteScopes.Reached(scopeText, api).Contains(route);
            return (!meant || reported).Label($"{request.Method} {request.Path} is allowed but {route} is not reported");
        });

    [Property(MaxTest = 2000)]
    public Property ReportedReach_HasAWitness_ForLiteralRoutes() =>
        Prop.ForAll(ScopeText.ToArbitrary(), Routes.ToArbitrary(), (scopeText, routes) =>
        {
            // A route without parameters has exactly one path: reach is exact there.
            var api = AotAuthApi.Definition with { Routes = [.. routes] };
            IReadOnlyList<RouteDefinition> reached = RouteScopes.Reached(scopeText, api);
            foreach (RouteDefinition route in routes.Where(r => !r.Path.Contains('{', StringComparison.Ordinal)))
            {
                string[] methods = route.HttpMethod == "ANY" ? Methods : [route.HttpMethod];
                bool meant = methods.Any(m => Reference.ScopeAllows(scopeText, m, route.Path));
                if (meant != reached.Contains(route))
                {
                    return false.Label($"{route}: reported {reached.Contains(route)}, meaning says {meant}");
                }
            }

            return true.ToProperty();
        });

    private bool PolicyAllows(RouteScope scope, string method, string path)
    {
        var output = new ArrayBufferWriter<byte>();
        string methodArn = StagePrefix + method + path;
        Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(methodArn), out MethodArn arn));
        _writer.WriteAllow(output, arn, "p", [scope], scope.Text);
        Assert.True(AuthorizerOutput.TryParse(output.WrittenSpan, out AuthorizerOutput? parsed, out string? problem), problem);
        return PolicyEvaluator.Evaluate(parsed!, methodArn) == PolicyDecision.Allow;
    }

    private static bool Covers(RouteScope scope, RouteDefinition route)
    {
        Assert.True(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/x"u8, out MethodArn arn));
        Span<byte> template = stackalloc byte[RouteKey.MaxLength];
        Assert.True(RouteKey.TryWriteTemplate(Encoding.UTF8.GetBytes(route.HttpMethod + " " + route.Path), template, out int length));
        return scope.CoversRoute(arn, template[..length]);
    }

    /// <summary>True when <paramref name="route"/> answers the request: its method (or ANY) and each segment, a parameter being any non-empty one.</summary>
    private static bool Serves(RouteDefinition route, string method, string path)
    {
        string[] want = route.Path.Split('/');
        string[] have = path.Split('/');
        return (route.HttpMethod == "ANY" || route.HttpMethod == method) && want.Length == have.Length
            && want.Zip(have).All(p => IsParameter(p.First) ? p.Second.Length > 0 : p.First == p.Second);
    }

    /// <summary>The request itself and the route's requests under each method and parameter binding.</summary>
    private static IEnumerable<(string Method, string Path)> RequestsOf(RouteDefinition route, (string Method, string Path) request)
    {
        yield return request;
        string[] segments = route.Path.Split('/');
        int[] parameters = [.. Enumerable.Range(0, segments.Length).Where(i => IsParameter(segments[i]))];
        string[] methods = route.HttpMethod == "ANY" ? Methods : [route.HttpMethod];
        foreach (string method in methods)
        {
            // Every combination of bindings: at most 5^3 paths for three parameters.
            int combinations = (int)Math.Pow(Bindings.Length, parameters.Length);
            for (int c = 0; c < combinations; c++)
            {
                string[] bound = [.. segments];
                for (int k = 0, rest = c; k < parameters.Length; k++, rest /= Bindings.Length)
                {
                    bound[parameters[k]] = Bindings[rest % Bindings.Length];
                }

                yield return (method, string.Join('/', bound));
            }
        }
    }

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    private static RouteDefinition Route(string method, string path) =>
        AotAuthApi.Definition.Routes[0] with { HttpMethod = method, Path = path };
}

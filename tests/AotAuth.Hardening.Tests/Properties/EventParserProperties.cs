using AotAuth.Hardening.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>Hostile TOKEN events through the real handler and an in-memory store.</summary>
public sealed class EventParserProperties : IDisposable
{
    private readonly AuthorizerRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Property(MaxTest = 3000)]
    public Property Any_event_is_answered_without_throwing_and_allowed_only_for_a_stored_token() =>
        Prop.ForAll(EventGenerators.Event.ToArbitrary(), json =>
        {
            (string? violation, _) = _rig.CheckAsync(EventGenerators.Utf8(json)).GetAwaiter().GetResult();
            return (violation is null).Label(violation ?? "ok");
        });

    [Property(MaxTest = 1000)]
    public Property Random_bytes_are_never_allowed() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(), bytes =>
        {
            (string? violation, string outcome) = _rig.CheckAsync(bytes).GetAwaiter().GetResult();
            return (violation is null && outcome != "policy").Label(violation ?? outcome);
        });

    [Property(MaxTest = 500)]
    public Property A_well_formed_event_with_a_known_token_and_a_valid_arn_is_allowed_for_that_arns_stage() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), parts =>
        {
            string json = $$"""{"type":"TOKEN","authorizationToken":"{{KnownTokens.Alice}}","methodArn":"{{parts}}"}""";
            (string? violation, string outcome) = _rig.CheckAsync(EventGenerators.Utf8(json)).GetAwaiter().GetResult();
            return (violation is null && outcome == "policy").Label(violation ?? outcome);
        });
}
